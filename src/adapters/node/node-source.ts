import type { IncomingMessage, ServerResponse } from "node:http";
import { tooLarge } from "../../app/fetch/read-limited.js";
import { alreadyRead } from "./already-read.js";
import { leaveUnread, readNodeBody } from "./read-node-body.js";
import { watchResponseClose } from "./watch-close.js";
import { settleOnStop, stopOf, type BodyStop, type ReadStop } from "../../app/bounded-read.js";
import type { RequestSource } from "../../app/request-source.js";
import { CONTENT_TYPE, READ_BODY, readThen, type BodyThen, type SourceFastPaths } from "../../app/source-fast-paths.js";

/** The native objects of a node:http request, as `ctx.raw` gives them. */
export interface NodeRaw {
  req: IncomingMessage;
  res: ServerResponse;
}

const EDGE_SPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/** HTTP whitespace: tab, LF, CR, space. */
function isHttpSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Whether `Headers` keeps a value as it is: no HTTP whitespace at either end (it would trim
 * it) and no NUL, CR or LF (it would refuse it). A loop over the codes: a regular expression
 * with anchored alternatives costs several times more on the short values headers hold.
 */
function isFetchValueAsIs(value: string): boolean {
  const length = value.length;
  if (length > 0 && (isHttpSpace(value.charCodeAt(0)) || isHttpSpace(value.charCodeAt(length - 1)))) return false;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x00 || code === 0x0a || code === 0x0d) return false;
  }
  return true;
}

// The last value found as it is: most requests repeat the one before them (`application/json`),
// and comparing with it (one builtin compare) costs less than the loop over its codes.
let lastAsIs = "";

/** A raw header value as `Headers` keeps it: trimmed, or `undefined` where `append()` refuses it. */
function fetchValue(value: string): string | undefined {
  if (value === lastAsIs) return value;
  if (isFetchValueAsIs(value)) {
    lastAsIs = value;
    return value;
  }
  const trimmed = value.replace(EDGE_SPACE, "");
  return /[\0\r\n]/.test(trimmed) ? undefined : trimmed;
}

/** Whether a body was sent: a declared length above 0, or chunked. */
function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers["content-length"]) > 0 || req.headers["transfer-encoding"] !== undefined;
}

/**
 * A {@link RequestSource} over node:http's `IncomingMessage` and `ServerResponse`, shared by
 * every host built on them (node:http, Express, Koa, Fastify). Built once per request, so it
 * makes nothing until asked: `raw` is built on first read ({@link makeRaw}).
 */
export class NodeSource<Raw = NodeRaw> implements RequestSource<Raw>, SourceFastPaths {
  readonly method: string;
  readonly url: string;
  private rawCache: Raw | undefined = undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    url: string = req.url ?? "/",
    private readonly parsed?: { value: unknown },
  ) {
    this.method = req.method ?? "GET";
    this.url = url;
  }

  /** The host's native objects, as `ctx.raw` gives them. */
  get raw(): Raw {
    return (this.rawCache ??= this.makeRaw());
  }

  /** `{ req, res }`; a host whose `ctx.raw` is another object overrides it. */
  protected makeRaw(): Raw {
    return { req: this.req, res: this.res } as Raw;
  }

  headers(): Headers {
    const headers = new Headers();
    const raw = this.req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      try {
        headers.append(raw[i]!, raw[i + 1]!);
      } catch {
        // A header value node accepted but WHATWG Headers refuses is left out, not fatal.
      }
    }
    return headers;
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  }

  /**
   * The `Content-Type` as `headers().get("content-type")` gives it (repeats joined by ", ",
   * which `req.headers` drops), from `rawHeaders` without building the `Headers`.
   */
  [CONTENT_TYPE](): string | null {
    if (this.headers !== NodeSource.prototype.headers) return this.headers().get("content-type");
    const raw = this.req.rawHeaders;
    let value: string | null = null;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!;
      if (name.length !== 12 || (name !== "Content-Type" && name !== "content-type" && name.toLowerCase() !== "content-type")) continue;
      const field = fetchValue(raw[i + 1]!);
      if (field !== undefined) value = value === null ? field : `${value}, ${field}`;
    }
    return value;
  }

  readBody(limit: number, stop?: AbortSignal): Promise<Uint8Array> {
    return this.readRequestBody(limit, stop === undefined ? undefined : stopOf(stop));
  }

  /** The App's read: `readBody()` without an `AbortSignal`, unless a subclass reads its own way. */
  [READ_BODY](limit: number, stop: BodyStop, then?: BodyThen): Promise<unknown> {
    if (this.readBody !== NodeSource.prototype.readBody) return readThen(settleOnStop(this.readBody(limit, stop.signal), stop), then);
    return this.readRequestBody(limit, stop, then);
  }

  /** node:http's own read of the body, within `limit`, stopped by `stop`; with `then`, of `then(bytes)`. */
  protected readRequestBody(limit: number, stop: ReadStop | undefined): Promise<Uint8Array>;
  protected readRequestBody(limit: number, stop: ReadStop | undefined, then: BodyThen | undefined): Promise<unknown>;
  protected readRequestBody(limit: number, stop: ReadStop | undefined, then?: BodyThen): Promise<unknown> {
    const declared = Number(this.req.headers["content-length"]);
    if (declared > limit || this.req.readableEnded) {
      stop?.settled();
      if (declared > limit) return Promise.reject(tooLarge(limit));
      if (hasBody(this.req)) return Promise.reject(alreadyRead(this.parsed !== undefined));
      return readThen(Promise.resolve(new Uint8Array(0)), then);
    }
    return readNodeBody(this.req, this.res, limit, stop, then);
  }

  /** The rest of the body is not read, so the connection cannot carry another request. */
  protected leaveUnread(): void {
    leaveUnread(this.res);
  }

  parsedBody(): { value: unknown } | undefined {
    return this.parsed;
  }

  /** The request without its body: the App gives `ctx.request` the body it reads itself. */
  toRequest(): Request {
    const host = this.header("host") ?? "localhost";
    return new Request(`http://${host}${this.url}`, { method: this.method, headers: this.headers() });
  }

  watchAbort(onAbort: () => void): void {
    watchResponseClose(this.res, onAbort);
  }
}
