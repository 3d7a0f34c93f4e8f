import type { DependencyContainer, InjectionToken } from "tsyringe";
import type { Dispatcher } from "./dispatcher.js";
import type { ViewResponse } from "./response.js";

/**
 * What a request context knows of the application serving it. The App implements it;
 * the core needs no more than this.
 */
export interface ViewHost {
  /** Runs every handler, hook and error handler. */
  readonly dispatcher: Dispatcher;
  /** The application container; views built once (`initEveryRequest = false`) resolve from it. */
  readonly container: DependencyContainer;
  /** Runs `fn(...args)` after the response, tracked, in the current request's context. */
  addBackgroundTask<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void;
}

/**
 * One request, as every handler, hook and error handler sees it. The App and each host
 * adapter fill it; what costs anything to build is built lazily, on first read.
 */
export interface RequestContext<Raw = unknown> {
  /** The HTTP method, upper-case. */
  readonly method: string;
  /**
   * The decoded path the rule matched, without the query string: below the mount prefix, dot
   * segments resolved, the authority of an absolute-form target dropped (`app.resolve()`).
   */
  readonly path: string;
  /** Path parameters of the matched rule, decoded. */
  readonly params: Record<string, string>;
  /** The query string. */
  readonly query: URLSearchParams;
  /** The request headers. */
  readonly headers: Headers;
  /** The request as a WHATWG `Request`, built on first read. */
  readonly request: Request;
  /** Reads and parses the JSON body (400 when malformed, 415 when not JSON, 413 when too large). */
  json<T = unknown>(): Promise<T>;
  /** Reads the body as text (413 when too large). */
  text(): Promise<string>;
  /**
   * Reads a urlencoded or multipart form, files as `File`s (415 when not a form, 400 when
   * malformed, 413 past `bodyLimit` or the App's `formLimits`).
   */
  form(): Promise<FormData>;
  /** Reads the raw body as bytes, once, within the App's `bodyLimit` (413 when too large). */
  body(): Promise<Uint8Array>;
  /** A per-request object for your own data, Flask's `g`. */
  readonly state: Record<string, unknown>;
  /** Aborted when the client goes away, or when the request times out. */
  readonly signal: AbortSignal;
  /** Tracks work that outlives the response; its failure is reported, never unhandled. */
  waitUntil(promise: PromiseLike<unknown>): void;
  /** A child container of the App's, made on first read, with {@link CONTEXT} registered. */
  readonly container: DependencyContainer;
  /** The application serving this request. */
  readonly app: ViewHost;
  /** The host's native objects: `{ req, res }` on node:http and Express, and so on. */
  readonly raw: Raw;
  /** The matched rule's pattern, such as `/users/:id`; undefined when no rule matched (404, 405). */
  readonly rule: string | undefined;
  /** The matched rule's endpoint, such as `users/:id` or `admin.users`; undefined when none matched. */
  readonly endpoint: string | undefined;
  /** The blueprint of the endpoint (`admin`, `parent.child`), undefined outside blueprints. */
  readonly blueprint: string | undefined;
  /** Runs `fn(response, ctx)` after this request's view, before the after hooks (Flask's `after_this_request`). */
  afterThisRequest(fn: (response: ViewResponse, ctx: RequestContext) => unknown): void;
}

/**
 * The injection token of the current {@link RequestContext}, registered in every request
 * container.
 *
 * @example
 * ```ts
 * import { inject, injectable } from "tsyringe";
 * import { CONTEXT, type RequestContext } from "methodview";
 *
 * @injectable()
 * class RequestIdService {
 *   constructor(@inject(CONTEXT) private readonly ctx: RequestContext) {}
 *   get id() { return this.ctx.headers.get("x-request-id"); }
 * }
 * ```
 */
export const CONTEXT: InjectionToken<RequestContext> = Symbol.for("methodview.context");
