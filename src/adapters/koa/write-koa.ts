import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { Context } from "koa";
import type { Logger } from "../../app/logger.js";
import { errorResponse, type ViewResponse } from "../../core/response.js";
import { cancelBody, NO_BODY_STATUS } from "../node/write-response.js";

/** A node stream over a streamed body, for Koa to pipe with back-pressure; its failure is logged. */
function toReadable(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>, logger: Logger): Readable {
  const stream =
    typeof (body as ReadableStream).getReader === "function"
      ? Readable.fromWeb(body as NodeReadableStream<Uint8Array>)
      : Readable.from(body as AsyncIterable<Uint8Array | string>, { objectMode: false });
  // Koa's pipeline destroys the socket on this error, which cuts the response.
  stream.once("error", (error) => logger.error("a response body stream failed; the response was cut", error));
  return stream;
}

function setHeaders(ctx: Context, headers: ViewResponse["headers"]): void {
  // What `ctx.set(headers)` does, without building arrays of entries on every request.
  const res = ctx.res;
  for (const name in headers) res.setHeader(name, headers[name]!);
}

function write(ctx: Context, response: ViewResponse, closing: boolean, logger: Logger): void {
  const { status, headers } = response;
  let body = response.body;
  if (closing) headers.connection = "close";
  const whole = typeof body === "string" || body instanceof Uint8Array;
  if (body !== null && !whole && (ctx.method === "HEAD" || NO_BODY_STATUS.has(status))) {
    cancelBody(body);
    body = null;
  }
  if (body === null) {
    // Koa turns a null body into 204 (or "null" under a JSON type): set it before the status.
    ctx.remove("Content-Type");
    ctx.body = null;
    ctx.status = status;
    setHeaders(ctx, headers);
    return;
  }
  ctx.status = status;
  setHeaders(ctx, headers);
  if (typeof body === "string") ctx.body = body;
  else if (body instanceof Uint8Array) ctx.body = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  else ctx.body = toReadable(body, logger);
  // Koa guesses a type (text/html for a string starting with "<"); the App sends only its own.
  if (headers["content-type"] === undefined) ctx.remove("Content-Type");
}

/**
 * Writes a {@link ViewResponse} with Koa's own API: `ctx.status`, the headers, `ctx.body` (a
 * string, a Buffer, or a node stream Koa pipes with back-pressure). Koa sends it once every
 * middleware has returned, drops the body for HEAD and bodiless statuses and keeps the
 * `Content-Length`. Headers node refuses become a 500 problem+json, logged.
 */
export function writeKoaResponse(ctx: Context, response: ViewResponse, closing: boolean, logger: Logger): void {
  if (ctx.headerSent || ctx.res.destroyed) {
    cancelBody(response.body);
    return;
  }
  try {
    write(ctx, response, closing, logger);
  } catch (error) {
    logger.error("the response could not be written", error);
    for (const name of ctx.res.getHeaderNames()) ctx.res.removeHeader(name);
    cancelBody(response.body);
    write(ctx, errorResponse(new Error("invalid response headers")), closing, logger);
  }
}
