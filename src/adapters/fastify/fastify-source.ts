import type { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { isJsonType } from "../../app/body.js";
import { readLimited, tooLarge } from "../../app/fetch/read-limited.js";
import { BadRequest, HttpError } from "../../core/errors.js";
import { NodeSource } from "../node/node-source.js";

/** The native objects of a Fastify request, as `ctx.raw` gives them. */
export interface FastifyRaw {
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * The request decorator where the plugin's body parsers leave what they kept: the raw bytes
 * a Fastify parser read (JSON, text), or the payload stream nobody read (any other type).
 */
export const BODY = Symbol("methodview.body");

/** A Fastify request with the plugin's {@link BODY} decorator. */
export type BodyKeeping = FastifyRequest & { [BODY]: Uint8Array | Readable | null };

/**
 * A {@link RequestSource} over Fastify's request and reply: node's `IncomingMessage` and
 * `ServerResponse` underneath (headers, `ctx.signal`), and the body as Fastify left it:
 * reused when a parser read it, read within the App's limit when none did.
 */
export class FastifySource extends NodeSource<FastifyRaw> {
  constructor(
    private readonly request: BodyKeeping,
    reply: FastifyReply,
    url: string,
  ) {
    super(request.raw, reply.raw, { request, reply }, url);
  }

  override readBody(limit: number): Promise<Uint8Array> {
    const kept = this.request[BODY];
    if (kept instanceof Uint8Array) return kept.byteLength > limit ? Promise.reject(tooLarge(limit)) : Promise.resolve(kept);
    if (kept !== null) return this.readPayload(kept, limit);
    const body: unknown = this.request.body;
    if (body === undefined) return super.readBody(limit);
    if (typeof body === "string" || body instanceof Uint8Array) {
      const bytes = typeof body === "string" ? Buffer.from(body) : body;
      return bytes.byteLength > limit ? Promise.reject(tooLarge(limit)) : Promise.resolve(bytes);
    }
    return Promise.reject(
      new Error(
        `methodview/fastify: a Fastify content type parser already read the ${JSON.stringify(this.header("content-type"))} body ` +
          "into an object; read it with ctx.raw.request.body, or ctx.json() for a JSON type",
      ),
    );
  }

  /** Reads the stream a preParsing hook put in place of the request (decompression, say). */
  private async readPayload(payload: Readable, limit: number): Promise<Uint8Array> {
    try {
      return await readLimited(payload, limit, () => {
        // The rest of the body is left unread, so the connection cannot carry another request.
        if (!this.res.headersSent) this.res.setHeader("connection", "close");
      });
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new BadRequest("The request body was cut short", { cause: error });
    }
  }

  override parsedBody(): { value: unknown } | undefined {
    const body: unknown = this.request.body;
    return body !== undefined && isJsonType(this.header("content-type")) ? { value: body } : undefined;
  }

  override toRequest(): Request {
    const kept = this.request[BODY];
    if (!(kept instanceof Uint8Array)) return super.toRequest();
    // The stream is spent: the bytes the parser kept are the body.
    const host = this.header("host") ?? "localhost";
    return new Request(`http://${host}${this.url}`, { method: this.method, headers: this.headers(), body: kept });
  }
}
