import type { Context } from "koa";
import { isJsonType } from "../../app/body.js";
import { tooLarge } from "../../app/fetch/read-limited.js";
import { settleOnStop, type BodyStop } from "../../app/bounded-read.js";
import { READ_BODY, readThen, type BodyThen } from "../../app/source-fast-paths.js";
import { NodeSource } from "../node/node-source.js";

/** What a Koa body parser (`@koa/bodyparser`, `koa-body`) leaves on `ctx.request`. */
interface ParsedRequest {
  body?: unknown;
  rawBody?: unknown;
}

/**
 * A {@link NodeSource} over a Koa context: `ctx.raw` is the Koa `ctx`, and a body a Koa body
 * parser already read is reused rather than read again from a drained stream.
 */
export class KoaSource extends NodeSource<Context> {
  constructor(
    readonly koa: Context,
    url: string,
  ) {
    super(koa.req, koa.res, url);
  }

  protected override makeRaw(): Context {
    return this.koa;
  }

  /** `ctx.request.body`, when a body parser set it for a JSON request. */
  override parsedBody(): { value: unknown } | undefined {
    const { body } = this.raw.request as ParsedRequest;
    // Parsers set `{}` for bodies they skipped: only a JSON request's body is the JSON.
    return body !== undefined && isJsonType(this.header("content-type")) ? { value: body } : undefined;
  }

  /** The App's read: as `readBody()`, told to stop through `stop` itself. */
  override [READ_BODY](limit: number, stop: BodyStop, then?: BodyThen): Promise<unknown> {
    if (this.readBody !== KoaSource.prototype.readBody) return readThen(settleOnStop(this.readBody(limit, stop.signal), stop), then);
    if (typeof (this.raw.request as ParsedRequest).rawBody !== "string") return this.readRequestBody(limit, stop, then);
    stop.settled();
    return readThen(this.readBody(limit), then);
  }

  /** `ctx.request.rawBody` when a body parser kept it, else the stream, within `limit`. */
  override readBody(limit: number, stop?: AbortSignal): Promise<Uint8Array> {
    const { rawBody } = this.raw.request as ParsedRequest;
    if (typeof rawBody !== "string") return super.readBody(limit, stop);
    const bytes = Buffer.from(rawBody);
    return bytes.byteLength > limit ? Promise.reject(tooLarge(limit)) : Promise.resolve(bytes);
  }
}
