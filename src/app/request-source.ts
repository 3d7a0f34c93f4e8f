/**
 * What an adapter tells the App about one request. Each host (node:http, Fetch, Express,
 * Fastify, Koa, Hono) implements it over its native objects; the App builds the
 * request context on top, reading each part only when a handler asks for it.
 */
export interface RequestSource<Raw = unknown> {
  /** The HTTP method, as the client sent it. */
  readonly method: string;
  /**
   * The path and query string, still percent-encoded: the request target for `app.handle()`,
   * `routed.target.url` for `app.handleRouted()` (what `ctx.request` is built from).
   */
  readonly url: string;
  /** All request headers, built on first read. */
  headers(): Headers;
  /** One request header, lower-case name, without building a `Headers`. */
  header(name: string): string | undefined;
  /**
   * Reads the raw body; rejects with `PayloadTooLarge` past `limit` bytes, with `BadRequest`
   * when the client cut it short. When `stop` aborts (the client left, a time limit passed)
   * the App has given up on it: stop reading and see that the connection closes. The App
   * applies every other rule (content type, charset, JSON, time limits) itself.
   */
  readBody(limit: number, stop?: AbortSignal): Promise<Uint8Array>;
  /** A body the host already parsed (Express `express.json()`, Fastify, Hono), if any. */
  parsedBody(): { value: unknown } | undefined;
  /**
   * The request as a WHATWG `Request`. Its body may be left out: `ctx.request` carries the
   * body the App reads through `readBody()`, under the App's rules.
   */
  toRequest(): Request;
  /** Calls `onAbort` once when the client goes away; called at most once per request. */
  watchAbort(onAbort: () => void): void;
  /** The host's native objects. */
  readonly raw: Raw;
}
