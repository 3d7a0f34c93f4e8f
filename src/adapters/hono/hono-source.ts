import type { Context } from "hono";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isJsonType } from "../../app/body.js";
import { assertComplete } from "../../app/fetch/fetch-source.js";
import { readLimited, tooLarge } from "../../app/fetch/read-limited.js";
import type { RequestSource } from "../../app/request-source.js";
import { BadRequest, HttpError } from "../../core/errors.js";
import { upperMethod } from "../../core/http-methods.js";
import { readNodeBody } from "../node/read-node-body.js";
import { watchResponseClose } from "../node/watch-close.js";
import { settleOnStop, stopOf, type BodyStop, type ReadStop } from "../../app/bounded-read.js";
import { READ_BODY, readThen, type BodyThen, type SourceFastPaths } from "../../app/source-fast-paths.js";

// Hono keeps what its request methods read in `c.req.bodyCache`, one promise per body type.
type BodyCache = Record<string, Promise<unknown> | undefined>;

function hasCachedBody(cache: BodyCache): boolean {
  for (const key in cache) if (cache[key] !== undefined) return true;
  return false;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = bytes;
  return byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer
    ? buffer
    : (new Uint8Array(bytes).buffer as ArrayBuffer); // a copy: a Buffer's slice() would share its pool
}

/** The node:http objects `@hono/node-server` hands Hono as `c.env` (HTTP/1.1 only). */
interface NodeBindings {
  incoming: IncomingMessage;
  outgoing: ServerResponse;
}

function nodeBindingsOf(c: Context): NodeBindings | undefined {
  const env = c.env as Partial<NodeBindings> | undefined;
  const incoming = env?.incoming;
  const outgoing = env?.outgoing;
  if (incoming === undefined || outgoing === undefined || typeof incoming.on !== "function") return undefined;
  // HTTP/2's compatibility objects (they carry a `stream`) take the WHATWG path.
  if (typeof incoming.complete !== "boolean" || typeof outgoing.writableFinished !== "boolean" || "stream" in incoming) return undefined;
  return env as NodeBindings;
}

/** Whether nothing read the node body yet: no Hono reader, no WHATWG stream over it. */
function untouched(c: Context, incoming: IncomingMessage): boolean {
  return !incoming.readableDidRead && incoming.listenerCount("data") === 0 && !c.req.raw.bodyUsed;
}

/**
 * A {@link RequestSource} over a Hono `Context`: the WHATWG `Request` in `c.req.raw`, the
 * bodies Hono already read (`c.req.json()`, `c.req.text()`, a `validator("json")`), and
 * `url` relative to the mount prefix. `ctx.raw` is the Context. `toHono()` builds one per
 * request; build your own to serve an App from a handler of yours.
 *
 * @example
 * ```ts fragment
 * import { HonoSource, writeHonoResponse } from "methodview/hono";
 *
 * // The whole App behind one Hono route, routed by the App's own url map.
 * hono.all("/legacy/*", async (c) => {
 *   const url = new URL(c.req.url);
 *   const source = new HonoSource(c, url.pathname.slice("/legacy".length) + url.search);
 *   return writeHonoResponse(c, await app.handle(source), source.method, app.logger);
 * });
 * ```
 */
export class HonoSource implements RequestSource<Context>, SourceFastPaths {
  readonly method: string;
  constructor(
    readonly raw: Context,
    readonly url: string,
  ) {
    this.method = upperMethod(raw.req.method);
  }

  /**
   * On @hono/node-server the body and the abort are read from node:http itself: cheaper than
   * its WHATWG `Request` (no copy of the body, no AbortController).
   */
  private get node(): NodeBindings | undefined {
    return nodeBindingsOf(this.raw);
  }

  headers(): Headers {
    return this.raw.req.raw.headers;
  }

  header(name: string): string | undefined {
    return this.raw.req.raw.headers.get(name) ?? undefined;
  }

  readBody(limit: number, stop?: AbortSignal): Promise<Uint8Array> {
    return this.readNode(limit, stop) ?? this.readThroughHono(limit, stop);
  }

  /** The App's read: as `readBody()`, told to stop through `stop` itself. */
  [READ_BODY](limit: number, stop: BodyStop, then?: BodyThen): Promise<unknown> {
    if (this.readBody !== HonoSource.prototype.readBody) return readThen(settleOnStop(this.readBody(limit, stop.signal), stop), then);
    return this.readNode(limit, stop, then) ?? readThen(settleOnStop(this.readThroughHono(limit, stop.signal), stop), then);
  }

  /**
   * The body read from node:http itself, on @hono/node-server while nothing read it yet; else
   * undefined. With `then`, of `then(bytes)`.
   */
  private readNode(limit: number, halt: ReadStop | AbortSignal | undefined): Promise<Uint8Array> | undefined;
  private readNode(limit: number, halt: ReadStop | AbortSignal | undefined, then: BodyThen | undefined): Promise<unknown> | undefined;
  private readNode(limit: number, halt: ReadStop | AbortSignal | undefined, then?: BodyThen): Promise<unknown> | undefined {
    const node = this.node;
    if (node === undefined) return undefined;
    const stop = halt instanceof AbortSignal ? stopOf(halt) : halt;
    // node:http's own parse of the header: the body is framed by it, and node:http ends the
    // body only once it is whole.
    const declared = Number(node.incoming.headers["content-length"]);
    if (declared > limit) {
      stop?.settled();
      return Promise.reject(tooLarge(limit));
    }
    const cache = this.raw.req.bodyCache as unknown as BodyCache;
    if (!(declared >= 0) || hasCachedBody(cache) || !untouched(this.raw, node.incoming)) return undefined;
    return readNodeBody(node.incoming, node.outgoing, limit, stop, (bytes) => {
      // Cached the Hono way, so that Hono middleware running after the view can still read it.
      cache.arrayBuffer ??= Promise.resolve(toArrayBuffer(bytes));
      return then === undefined ? bytes : then(bytes);
    });
  }

  private async readThroughHono(limit: number, stop: AbortSignal | undefined): Promise<Uint8Array> {
    const req = this.raw.req;
    const length = req.raw.headers.get("content-length");
    const declared = length === null ? Number.NaN : Number(length);
    if (declared > limit) throw tooLarge(limit);
    const cache = req.bodyCache as unknown as BodyCache;
    try {
      // A body whose length is declared (and framed by it) or that a Hono middleware read already is
      // read through Hono, which caches it and takes its runtime's fast path (@hono/node-server's).
      const cached = hasCachedBody(cache);
      if (declared >= 0 || cached) {
        const bytes = new Uint8Array(await req.arrayBuffer());
        if (bytes.byteLength > limit) throw tooLarge(limit);
        // What a Hono middleware read is what it is (JSON it re-serialises, say); a fresh read must be whole.
        return cached ? bytes : assertComplete(bytes, declared, req.raw.signal);
      }
      const body = req.raw.body;
      if (body === null) return new Uint8Array(0);
      const bytes = assertComplete(await readLimited(body, limit, undefined, stop), Number.NaN, req.raw.signal);
      // Cached the Hono way, so that Hono middleware running after the view can still read it.
      cache.arrayBuffer ??= Promise.resolve(toArrayBuffer(bytes));
      return bytes;
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new BadRequest("The request body could not be read", { cause: error });
    }
  }

  parsedBody(): { value: unknown } | undefined {
    const req = this.raw.req;
    // `validator("json")` validates `{}` for a body that is not JSON: the App answers that with a 415.
    if (!isJsonType(req.raw.headers.get("content-type") ?? undefined)) return undefined;
    const validated: unknown = req.valid("json" as never);
    return validated === undefined ? undefined : { value: validated };
  }

  toRequest(): Request {
    return this.raw.req.raw;
  }

  watchAbort(onAbort: () => void): void {
    const outgoing = this.node?.outgoing;
    if (outgoing !== undefined) {
      // As @hono/node-server aborts `c.req.raw.signal`: the response closed before it finished.
      watchResponseClose(outgoing, onAbort);
      return;
    }
    const signal = this.raw.req.raw.signal;
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  }
}
