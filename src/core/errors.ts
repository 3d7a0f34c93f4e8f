/**
 * Every error class of methodview, each with a stable `code`.
 *
 * HTTP errors carry a `status` and become an RFC 9457 `application/problem+json`
 * response; configuration errors are `TypeError`s thrown at mount time. Every class is
 * branded (see brand.ts), so `instanceof` holds across the ESM and CommonJS builds.
 */
import { brand, isInstance } from "./brand.js";

const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The standard reason phrase of an HTTP status, or a generic one. */
export function statusTitle(status: number): string {
  return STATUS_TITLES[status] ?? (status >= 500 ? "Server Error" : "Client Error");
}

/** Options of every {@link HttpError}. */
export interface HttpErrorOptions {
  /** Headers sent with the error response, for example `WWW-Authenticate` or `Retry-After`. */
  headers?: Record<string, string>;
  /** The error this one wraps. */
  cause?: unknown;
}

/**
 * An error that becomes an HTTP response: its status, a problem+json body, its headers.
 *
 * @example
 * ```ts
 * import { HttpError } from "methodview";
 * const error = new HttpError(418, "No coffee here");
 * console.assert(error.status === 418 && error.code === "MV_HTTP_ERROR");
 * ```
 */
export class HttpError extends Error {
  /** A stable code for logs and clients; each subclass has its own. */
  readonly code: string = "MV_HTTP_ERROR";
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Extra members of the problem+json body (RFC 9457 extensions), such as `errors`. */
  readonly extensions: Readonly<Record<string, unknown>> | undefined = undefined;

  constructor(status: number, message?: string, options: HttpErrorOptions = {}) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new TypeError(`HttpError: status must be an integer from 400 to 599, got ${String(status)}`);
    }
    super(message ?? statusTitle(status), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.headers = options.headers ?? {};
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, value);
  }
}
brand(HttpError, "HttpError");

/**
 * The constructor of a named {@link HttpError}: a fixed status and code. Declared, not
 * inferred, so that the built types do not copy the static side of node's `Error`
 * (`NodeJS.CallSite`), which a consumer without `@types/node` cannot resolve.
 */
export interface NamedHttpErrorClass {
  new (message?: string, options?: HttpErrorOptions): HttpError;
  readonly prototype: HttpError;
}

/**
 * Declares a named HttpError subclass with a fixed status and code. The code is set in the
 * constructor, not as a class field: tsup's CommonJS output (sucrase) hoists the fields of a
 * class expression into one module-level variable, which gave every class the last code.
 */
function httpErrorClass(name: string, status: number, code: string): NamedHttpErrorClass {
  const cls = class extends HttpError {
    constructor(message?: string, options?: HttpErrorOptions) {
      super(status, message, options);
      (this as { code: string }).code = code;
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  brand(cls, name);
  return cls;
}

/** 400: the request is malformed (bad JSON, bad percent-encoding). */
export const BadRequest = httpErrorClass("BadRequest", 400, "MV_BAD_REQUEST");
export type BadRequest = InstanceType<typeof BadRequest>;
/** 401: authentication is required. */
export const Unauthorized = httpErrorClass("Unauthorized", 401, "MV_UNAUTHORIZED");
export type Unauthorized = InstanceType<typeof Unauthorized>;
/** 403: authenticated, but not allowed. */
export const Forbidden = httpErrorClass("Forbidden", 403, "MV_FORBIDDEN");
export type Forbidden = InstanceType<typeof Forbidden>;
/** 404: nothing here. */
export const NotFound = httpErrorClass("NotFound", 404, "MV_NOT_FOUND");
export type NotFound = InstanceType<typeof NotFound>;
/** 408: the client did not send the whole body within the App's `bodyTimeout`. */
export const RequestTimeout = httpErrorClass("RequestTimeout", 408, "MV_REQUEST_TIMEOUT");
export type RequestTimeout = InstanceType<typeof RequestTimeout>;
/** 409: the request conflicts with the current state. */
export const Conflict = httpErrorClass("Conflict", 409, "MV_CONFLICT");
export type Conflict = InstanceType<typeof Conflict>;
/** 413: the body is larger than the App's `bodyLimit`. */
export const PayloadTooLarge = httpErrorClass("PayloadTooLarge", 413, "MV_PAYLOAD_TOO_LARGE");
export type PayloadTooLarge = InstanceType<typeof PayloadTooLarge>;
/** 415: the body's content type is not one the handler reads. */
export const UnsupportedMediaType = httpErrorClass("UnsupportedMediaType", 415, "MV_UNSUPPORTED_MEDIA_TYPE");
export type UnsupportedMediaType = InstanceType<typeof UnsupportedMediaType>;
/** 422: well-formed, but not valid. */
export const UnprocessableEntity = httpErrorClass("UnprocessableEntity", 422, "MV_UNPROCESSABLE_ENTITY");
export type UnprocessableEntity = InstanceType<typeof UnprocessableEntity>;
/** 429: slow down. */
export const TooManyRequests = httpErrorClass("TooManyRequests", 429, "MV_TOO_MANY_REQUESTS");
export type TooManyRequests = InstanceType<typeof TooManyRequests>;
/** 500: the server failed. */
export const InternalServerError = httpErrorClass("InternalServerError", 500, "MV_INTERNAL_SERVER_ERROR");
export type InternalServerError = InstanceType<typeof InternalServerError>;
/** 503: the server cannot answer now (shutting down, or a handler timed out). */
export const ServiceUnavailable = httpErrorClass("ServiceUnavailable", 503, "MV_SERVICE_UNAVAILABLE");
export type ServiceUnavailable = InstanceType<typeof ServiceUnavailable>;

/**
 * 503: the task queue could not take a job within its `enqueueTimeout` (`methodview/tasks`).
 * A handler that does not catch it answers 503 problem+json; the client learns nothing of
 * the backend.
 *
 * @example
 * ```ts
 * import { QueueUnavailable, ServiceUnavailable } from "methodview";
 * const error = new QueueUnavailable("The task queue is unavailable");
 * console.assert(error instanceof ServiceUnavailable && error.status === 503 && error.code === "MV_QUEUE_UNAVAILABLE");
 * ```
 */
export class QueueUnavailable extends ServiceUnavailable {
  constructor(message?: string, options?: HttpErrorOptions) {
    super(message, options);
    (this as { code: string }).code = "MV_QUEUE_UNAVAILABLE";
  }
}

/**
 * 405: the path exists but does not serve this method. Carries the methods it does serve,
 * sent as the `Allow` header.
 *
 * @example
 * ```ts
 * import { MethodNotAllowed } from "methodview";
 * const error = new MethodNotAllowed(["GET", "HEAD"]);
 * console.assert(error.headers.allow === "GET, HEAD");
 * ```
 */
export class MethodNotAllowed extends HttpError {
  override readonly code: string = "MV_METHOD_NOT_ALLOWED";
  readonly allow: readonly string[];

  constructor(allow: readonly string[], message?: string, options: HttpErrorOptions = {}) {
    super(405, message, { ...options, headers: { ...options.headers, allow: allow.join(", ") } });
    this.allow = allow;
  }
}
brand(MethodNotAllowed, "MethodNotAllowed");

/**
 * A mistake in how a view, route or App is defined, found at mount time.
 *
 * @example
 * ```ts
 * import { ConfigurationError } from "methodview";
 * const error = new ConfigurationError("MV_NO_HANDLER", "UserAPI lists POST but has no handler for it");
 * console.assert(error instanceof TypeError && error.code === "MV_NO_HANDLER");
 * ```
 */
export class ConfigurationError extends TypeError {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConfigurationError";
    this.code = code;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, value);
  }
}
brand(ConfigurationError, "ConfigurationError");

/**
 * `currentContext()` was called outside a request (or with `asyncContext: false`).
 *
 * @example
 * ```ts
 * import { NoActiveContextError } from "methodview";
 * console.assert(new NoActiveContextError().code === "MV_NO_ACTIVE_CONTEXT");
 * ```
 */
export class NoActiveContextError extends Error {
  readonly code = "MV_NO_ACTIVE_CONTEXT";

  constructor() {
    super(
      "currentContext() was called outside a request: call it below a handler, hook or background task " +
        "started by one, on an App created with asyncContext enabled (the default)",
    );
    this.name = "NoActiveContextError";
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, value);
  }
}
brand(NoActiveContextError, "NoActiveContextError");

/** One reason a request input failed its schema, as the 422 body lists it. */
export interface ValidationIssue {
  /** Which input failed. */
  readonly in: "body" | "query" | "params" | "headers";
  /** Where in that input, as a JSON Pointer (RFC 6901): "/items/0/name"; "" is the whole input. */
  readonly path: string;
  /** What is wrong, without the value that was sent. */
  readonly message: string;
}

/**
 * 422: a request input failed its route's schema. Carries every issue found, in every input;
 * the problem+json body lists them as `errors`. An error handler may reshape it.
 *
 * @example
 * ```ts
 * import { UnprocessableEntity, ValidationError } from "methodview";
 * const error = new ValidationError([{ in: "query", path: "/page", message: "Expected a number" }]);
 * console.assert(error instanceof UnprocessableEntity && error.code === "MV_VALIDATION_FAILED");
 * console.assert(error.issues.length === 1 && error.extensions.errors === error.issues);
 * ```
 * @see docs/validation.md
 */
export class ValidationError extends UnprocessableEntity {
  override readonly code: string = "MV_VALIDATION_FAILED";
  override readonly extensions: { readonly errors: readonly ValidationIssue[] };
  /** Every issue found, in input order: params, query, headers, body. */
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], message = "The request is not valid") {
    super(message);
    this.issues = issues;
    this.extensions = { errors: issues };
  }
}

/**
 * A handler's JSON result failed the schema its route declares for the status (with
 * `validateResponses` on). It is logged with its issues; the client sees a plain 500.
 *
 * @example
 * ```ts
 * import { ResponseValidationError } from "methodview";
 * const error = new ResponseValidationError("GET /users/:id", 200, [{ path: "/name", message: "Required" }]);
 * console.assert(error.code === "MV_RESPONSE_VALIDATION_FAILED" && error.message.includes("/name: Required"));
 * ```
 */
export class ResponseValidationError extends Error {
  readonly code = "MV_RESPONSE_VALIDATION_FAILED";
  /** The route and handler: `Users.show() (GET /users/:id)`. */
  readonly route: string;
  readonly status: number;
  readonly issues: readonly { readonly path: string; readonly message: string }[];

  constructor(route: string, status: number, issues: readonly { readonly path: string; readonly message: string }[]) {
    super(`${route}: the ${status} response does not match its schema: ${issues.map((i) => `${i.path === "" ? "(root)" : i.path}: ${i.message}`).join("; ")}`);
    this.name = "ResponseValidationError";
    this.route = route;
    this.status = status;
    this.issues = issues;
  }
}

brand(ValidationError, "ValidationError");
brand(QueueUnavailable, "QueueUnavailable");
