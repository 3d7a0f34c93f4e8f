import { isShownError } from "./describe-error.js";
import { statusTitle, type HttpError } from "./errors.js";
import { brand, isInstance } from "./brand.js";

/** Response headers: lower-case names; `set-cookie` and other repeated headers as arrays. */
export type ResponseHeaders = Record<string, string | string[]>;

/** Headers as a handler may give them. */
export type HeadersLike = Headers | Record<string, string | readonly string[]> | ReadonlyArray<readonly [string, string]>;

/** A body an adapter knows how to write. */
export type ResponseBody =
  | null
  | string
  | Uint8Array
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>;

/** Status and headers of a response helper. */
export interface ResponseOptions {
  status?: number;
  headers?: HeadersLike;
}

const TEXT = "text/plain; charset=utf-8";
const JSON_TYPE = "application/json";
const PROBLEM_JSON = "application/problem+json";
const OCTET_STREAM = "application/octet-stream";

/**
 * A response description: what a handler's result is normalised into, and what adapters
 * write with their host's native API. No WHATWG `Response` is built unless asked for.
 *
 * @example
 * ```ts
 * import { ViewResponse } from "methodview";
 * const response = ViewResponse.from(["created", 201]);
 * console.assert(response.status === 201 && response.body === "created");
 * ```
 */
export class ViewResponse {
  /** The WHATWG `Response` this one was made from, when a handler returned one. */
  source: Response | undefined = undefined;

  constructor(
    public status: number,
    public headers: ResponseHeaders,
    public body: ResponseBody,
  ) {}

  /** Sets a header, replacing any value it had. */
  setHeader(name: string, value: string | string[]): this {
    this.headers[name.toLowerCase()] = value;
    this.source = undefined;
    return this;
  }

  /** Reads a header; repeated values are joined with ", ". */
  getHeader(name: string): string | undefined {
    const value = this.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(", ") : value;
  }

  /** Normalises anything a handler may return; see {@link toViewResponse}. */
  static from(result: unknown): ViewResponse {
    return toViewResponse(result);
  }

  /** `instanceof` that also accepts this class from another copy of methodview (ESM and CommonJS). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, value);
  }
}
brand(ViewResponse, "ViewResponse");

/** Copies a {@link HeadersLike} into `target` with lower-case names. */
export function mergeHeaders(target: ResponseHeaders, init: HeadersLike | undefined): ResponseHeaders {
  if (init === undefined) return target;
  if (init instanceof Headers) {
    init.forEach((value, name) => {
      if (name !== "set-cookie") target[name] = value;
    });
    const cookies = init.getSetCookie();
    if (cookies.length > 0) target["set-cookie"] = cookies;
    return target;
  }
  const entries: Iterable<readonly [string, string | readonly string[]]> = Array.isArray(init)
    ? (init as ReadonlyArray<readonly [string, string]>)
    : Object.entries(init as Record<string, string | readonly string[]>);
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    if (typeof value !== "string" && !Array.isArray(value)) {
      throw new TypeError(`response header "${name}" must be a string or an array of strings`);
    }
    const previous = target[key];
    if (key === "set-cookie" && previous !== undefined && Array.isArray(init)) {
      target[key] = ([] as string[]).concat(previous, value as string | string[]);
    } else {
      target[key] = typeof value === "string" ? value : [...(value as readonly string[])];
    }
  }
  return target;
}

function withOptions(response: ViewResponse, options: ResponseOptions | undefined): ViewResponse {
  if (options === undefined) return response;
  if (options.status !== undefined) response.status = checkStatus(options.status);
  mergeHeaders(response.headers, options.headers);
  return response;
}

// A handler gives a final status: a 1xx would send only an interim response and leave the client waiting.
function checkStatus(status: number): number {
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new TypeError(`response status must be a final status, an integer from 200 to 599, got ${String(status)}`);
  }
  return status;
}

// What encodeurl (Express's res.location) leaves as it is: URL characters and well-formed %XX escapes.
const UNSAFE_IN_URL = /(?:[^\x21\x23-\x3B\x3D\x3F-\x5F\x61-\x7A\x7C\x7E]|%(?:[^0-9A-Fa-f]|[0-9A-Fa-f][^0-9A-Fa-f]|$))+/g;
const LONE_SURROGATE = /(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uD800-\uDBFF]([^\uDC00-\uDFFF]|$)/g;

/** Percent-encodes what may not stand in a URL (non-ASCII, spaces, quotes), keeping existing escapes. */
function encodeLocation(url: string): string {
  return url.replace(LONE_SURROGATE, "$1\uFFFD$2").replace(UNSAFE_IN_URL, encodeURI);
}

/**
 * A JSON response.
 *
 * @example
 * ```ts
 * import { json } from "methodview";
 * const response = json({ id: 1 }, { status: 201 });
 * console.assert(response.status === 201 && response.body === '{"id":1}');
 * ```
 */
export function json(data: unknown, options?: ResponseOptions): ViewResponse {
  const body = JSON.stringify(data);
  if (body === undefined) throw new TypeError(`json(): ${typeof data} cannot be serialised to JSON`);
  return withOptions(new ViewResponse(200, { "content-type": JSON_TYPE }, body), options);
}

/** A `text/plain; charset=utf-8` response. */
export function text(body: string, options?: ResponseOptions): ViewResponse {
  return withOptions(new ViewResponse(200, { "content-type": TEXT }, body), options);
}

/**
 * A redirect to `url` (302 unless told otherwise). Non-ASCII characters and others a URL may
 * not hold are percent-encoded, as Express's `res.location()` does (`%XX` escapes are kept);
 * a CR or LF, which would split the response, is a `TypeError`.
 */
export function redirect(url: string, status = 302): ViewResponse {
  if (typeof url !== "string") throw new TypeError(`redirect(url): url must be a string, got ${typeof url}`);
  if (/[\r\n]/.test(url)) throw new TypeError("redirect(url): url must not contain CR or LF");
  if (!Number.isInteger(status) || status < 300 || status > 399) {
    throw new TypeError(`redirect(): status must be a 3xx integer, got ${String(status)}`);
  }
  return new ViewResponse(status, { location: encodeLocation(url) }, null);
}

function isReadableStream(value: object): value is ReadableStream<Uint8Array> {
  return typeof (value as { getReader?: unknown }).getReader === "function";
}

function isAsyncIterable(value: object): value is AsyncIterable<Uint8Array | string> {
  return typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function";
}

function fromWebResponse(response: Response): ViewResponse {
  const result = new ViewResponse(response.status, mergeHeaders({}, response.headers), response.body);
  result.source = response;
  return result;
}

/**
 * Reads a Flask tuple: `[body, status]`, `[body, status, headers]` or `[body, Headers]`.
 * A two-element array whose second item is a plain object is JSON data, not a tuple: use a
 * `Headers` instance (or the three-element form) to send headers with a body.
 */
function fromTuple(tuple: readonly unknown[]): ViewResponse | undefined {
  if (tuple.length !== 2 && tuple.length !== 3) return undefined;
  const [body, second, third] = tuple;
  if (typeof body === "number") return undefined;
  if (typeof second === "number" && Number.isInteger(second) && second >= 100 && second <= 599) {
    if (tuple.length === 3 && (third === null || typeof third !== "object")) return undefined;
    const response = toViewResponse(body);
    response.status = second;
    mergeHeaders(response.headers, third as HeadersLike | undefined);
    // A WHATWG Response body keeps its own status and headers: it no longer describes this one.
    response.source = undefined;
    return response;
  }
  if (tuple.length === 2 && second instanceof Headers) {
    const response = withOptions(toViewResponse(body), { headers: second });
    response.source = undefined;
    return response;
  }
  return undefined;
}

/**
 * Whether `result` is a plain object (an object literal, `JSON.parse`'s) that is no stream: a
 * JSON result. Never throws: a value whose inspection throws (a revoked `Proxy`, a trap or a
 * getter that throws) is not one, and {@link toViewResponse} reports it where it is caught.
 */
export function isJsonObject(result: unknown): result is object {
  if (typeof result !== "object" || result === null) return false;
  try {
    return Object.getPrototypeOf(result) === Object.prototype && !isAsyncIterable(result) && !isReadableStream(result);
  } catch {
    return false;
  }
}

/**
 * Normalises what a handler returned: a {@link ViewResponse} or WHATWG `Response` as it is;
 * a string as text; a plain object or array as JSON; `null`/`undefined` as 204; bytes as
 * `application/octet-stream`; a `ReadableStream` or async iterable streamed; Flask's tuples.
 */
export function toViewResponse(result: unknown): ViewResponse {
  // The common result first.
  if (isJsonObject(result)) return json(result);
  if (result instanceof ViewResponse) return result;
  if (result === undefined || result === null) return new ViewResponse(204, {}, null);
  if (typeof result === "string") return new ViewResponse(200, { "content-type": TEXT }, result);
  if (typeof result === "object") {
    if (Array.isArray(result)) return fromTuple(result) ?? json(result);
    if (result instanceof Uint8Array) return new ViewResponse(200, { "content-type": OCTET_STREAM }, result);
    if (result instanceof ArrayBuffer) {
      return new ViewResponse(200, { "content-type": OCTET_STREAM }, new Uint8Array(result));
    }
    if (result instanceof Response) return fromWebResponse(result);
    if (isReadableStream(result) || isAsyncIterable(result)) {
      return new ViewResponse(200, { "content-type": OCTET_STREAM }, result);
    }
    return json(result);
  }
  throw new TypeError(
    `a handler returned ${typeof result}, which is not a response: return a string, an object or ` +
      "array (JSON), bytes, a stream, null, a Response, or a [body, status, headers] tuple",
  );
}

/**
 * The problem+json response (RFC 9457) for an error. An {@link HttpError} shows its status,
 * message and headers; any other error becomes a 500 that says nothing of its internals.
 * Never throws, whatever was thrown (a throwing getter, a revoked Proxy).
 */
export function errorResponse(error: unknown): ViewResponse {
  if (isShownError(error)) {
    try {
      return httpErrorResponse(error);
    } catch {
      // An HttpError whose message or headers cannot be read: answered as any other bug.
    }
  }
  return problem(500, {}, "MV_INTERNAL_SERVER_ERROR", undefined);
}

function httpErrorResponse(error: HttpError): ViewResponse {
  const message = String(error.message);
  const detail = message === statusTitle(error.status) ? undefined : message;
  return problem(error.status, mergeHeaders({}, error.headers), String(error.code), detail, error.extensions);
}

function problem(
  status: number,
  headers: ResponseHeaders,
  code: string,
  detail: string | undefined,
  extensions?: Readonly<Record<string, unknown>>,
): ViewResponse {
  const title = statusTitle(status);
  const body: Record<string, unknown> = { type: "about:blank", title, status };
  if (detail !== undefined) body.detail = detail;
  body.code = code;
  // RFC 9457 extension members (a ValidationError's `errors`) never replace the standard ones.
  if (extensions !== undefined) for (const [key, value] of Object.entries(extensions)) body[key] ??= value;
  headers["content-type"] = PROBLEM_JSON;
  return new ViewResponse(status, headers, JSON.stringify(body));
}
