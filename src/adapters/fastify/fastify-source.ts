import type { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { isJsonType } from "../../app/body.js";
import { readLimited, tooLarge } from "../../app/fetch/read-limited.js";
import { BadRequest, ConfigurationError, HttpError } from "../../core/errors.js";
import { settleOnStop, type BodyStop } from "../../app/bounded-read.js";
import { READ_BODY, readThen, type BodyThen } from "../../app/source-fast-paths.js";
import { NodeSource } from "../node/node-source.js";

/** The native objects of a Fastify request, as `ctx.raw` gives them. */
export interface FastifyRaw {
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * The request decorator where the plugin's body parsers leave the payload stream a
 * preParsing hook put in place of the request (decompression, say), for the view to read.
 */
export const BODY = Symbol("methodview.body");

/** A Fastify request with the plugin's {@link BODY} decorator. */
export type BodyKeeping = FastifyRequest & { [BODY]: Readable | null };

/**
 * A {@link RequestSource} over Fastify's request and reply: node's `IncomingMessage` and
 * `ServerResponse` underneath (headers, `ctx.signal`), and the body as Fastify left it:
 * unread (the plugin's parsers leave it to the view), or what a parser of the user's made.
 */
export class FastifySource extends NodeSource<FastifyRaw> {
  constructor(
    private readonly request: BodyKeeping,
    readonly reply: FastifyReply,
    url: string,
  ) {
    super(request.raw, reply.raw, url);
  }

  protected override makeRaw(): FastifyRaw {
    return { request: this.request, reply: this.reply };
  }

  /** The App's read: as `readBody()`, told to stop through `stop` itself. */
  override [READ_BODY](limit: number, stop: BodyStop, then?: BodyThen): Promise<unknown> {
    const kept = this.request[BODY];
    if (this.readBody !== FastifySource.prototype.readBody || kept !== null) return readThen(settleOnStop(this.readBody(limit, stop.signal), stop), then);
    if (this.request.body === undefined) return this.readRequestBody(limit, stop, then);
    stop.settled();
    return readThen(this.readBody(limit), then);
  }

  override readBody(limit: number, stop?: AbortSignal): Promise<Uint8Array> {
    const kept = this.request[BODY];
    if (kept !== null) return this.readPayload(kept, limit, stop);
    const body: unknown = this.request.body;
    if (body === undefined) return super.readBody(limit, stop);
    if (typeof body === "string" || body instanceof Uint8Array) {
      const bytes = typeof body === "string" ? Buffer.from(body) : body;
      return bytes.byteLength > limit ? Promise.reject(tooLarge(limit)) : Promise.resolve(bytes);
    }
    return Promise.reject(
      new ConfigurationError(
        "MV_BODY_ALREADY_READ",
        `methodview/fastify: a Fastify content type parser already read the ${JSON.stringify(this.header("content-type"))} body ` +
          "into an object; read it with ctx.raw.request.body, or ctx.json() for a JSON type",
      ),
    );
  }

  /** Reads the stream a preParsing hook put in place of the request (decompression, say). */
  private async readPayload(payload: Readable, limit: number, stop: AbortSignal | undefined): Promise<Uint8Array> {
    try {
      return await readLimited(payload, limit, () => this.leaveUnread(), stop);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new BadRequest("The request body was cut short", { cause: error });
    }
  }

  override parsedBody(): { value: unknown } | undefined {
    const body: unknown = this.request.body;
    return body !== undefined && isJsonType(this.header("content-type")) ? { value: body } : undefined;
  }
}
