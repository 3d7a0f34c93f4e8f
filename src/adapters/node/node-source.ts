import type { IncomingMessage, ServerResponse } from "node:http";
import { tooLarge } from "../../app/fetch/read-limited.js";
import { alreadyRead } from "./already-read.js";
import { readNodeBody } from "./read-node-body.js";
import type { RequestSource } from "../../app/request-source.js";

/** The native objects of a node:http request, as `ctx.raw` gives them. */
export interface NodeRaw {
  req: IncomingMessage;
  res: ServerResponse;
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
export class NodeSource<Raw = NodeRaw> implements RequestSource<Raw> {
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

  async readBody(limit: number, stop?: AbortSignal): Promise<Uint8Array> {
    const declared = Number(this.req.headers["content-length"]);
    if (declared > limit) throw tooLarge(limit);
    if (this.req.readableEnded) {
      if (hasBody(this.req)) throw alreadyRead(this.parsed !== undefined);
      return new Uint8Array(0);
    }
    return readNodeBody(this.req, limit, () => this.leaveUnread(), stop);
  }

  /** The rest of the body is not read, so the connection cannot carry another request. */
  protected leaveUnread(): void {
    if (!this.res.headersSent) this.res.setHeader("connection", "close");
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
    const res = this.res;
    if (res.destroyed && !res.writableFinished) {
      onAbort();
      return;
    }
    res.once("close", () => {
      if (!res.writableFinished) onAbort();
    });
  }
}
