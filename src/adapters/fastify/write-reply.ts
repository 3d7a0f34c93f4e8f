import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { FastifyReply } from "fastify";
import type { Logger } from "../../app/logger.js";
import { errorResponse, type ViewResponse } from "../../core/response.js";

const NO_BODY_STATUS = new Set([101, 204, 205, 304]);

/** Replies whose body stream failed, for the plugin's error handler to recognise. */
export const failedStreams = new WeakSet<FastifyReply>();

const asIs = (payload: unknown) => payload as string;

function cancelBody(body: ViewResponse["body"]): void {
  if (body !== null && typeof (body as ReadableStream).cancel === "function") {
    (body as ReadableStream).cancel().catch(() => undefined);
  }
}

/**
 * A node stream over a body stream, for `reply.send()`: Fastify pipes it (back-pressure) and
 * destroys it when the client goes away, which cancels a `ReadableStream` at once.
 */
function toReadable(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>, reply: FastifyReply, logger: Logger): Readable {
  const readable =
    typeof (body as ReadableStream).getReader === "function"
      ? Readable.fromWeb(body as NodeReadableStream<Uint8Array>)
      : Readable.from(body as AsyncIterable<Uint8Array | string>);
  readable.once("error", (error) => {
    failedStreams.add(reply);
    logger.error("a response body stream failed; the response was cut", error);
  });
  return readable;
}

/**
 * Answers a bare 500 in place of a response that could not be written (a header node
 * refuses), without the headers named; logs why.
 */
export function sendFallback(reply: FastifyReply, headerNames: readonly string[], error: unknown, logger: Logger): void {
  logger.error("the response could not be written", error);
  if (reply.sent || reply.raw.headersSent) {
    reply.raw.destroy();
    return;
  }
  try {
    for (const name of headerNames) reply.removeHeader(name);
    const fallback = errorResponse(new Error("invalid response"));
    reply.code(fallback.status).headers(fallback.headers).send(Buffer.from(fallback.body as string));
  } catch {
    reply.raw.destroy();
  }
}

/**
 * Writes a {@link ViewResponse} with Fastify's API: `reply.code()`, `reply.headers()` and
 * `reply.send()`, so the host's `onSend` and `onResponse` hooks see it. Whole bodies go as
 * they are (Fastify sets Content-Length, and keeps it for HEAD), the view's content type
 * untouched; streams as a node stream; HEAD and bodiless statuses cancel a stream. A reply
 * already sent, or whose client is gone, is left alone.
 */
export function writeReply(reply: FastifyReply, response: ViewResponse, method: string, closing: boolean, logger: Logger): void {
  const body = response.body;
  if (reply.sent || reply.raw.destroyed) {
    cancelBody(body);
    return;
  }
  try {
    reply.code(response.status).headers(response.headers);
    if (closing) reply.header("connection", "close");
    if (body === null) {
      reply.send();
    } else if (typeof body === "string") {
      // Already serialised: without a serializer, Fastify would append a charset to a JSON content type.
      reply.serializer(asIs).send(body);
    } else if (body instanceof Uint8Array) {
      reply.send(body);
    } else if (method === "HEAD" || NO_BODY_STATUS.has(response.status)) {
      cancelBody(body);
      reply.send();
    } else {
      reply.send(toReadable(body, reply, logger));
    }
  } catch (error) {
    cancelBody(body);
    sendFallback(reply, Object.keys(response.headers), error, logger);
  }
}
