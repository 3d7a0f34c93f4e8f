import type { ServerResponse } from "node:http";
import { statusTitle } from "../../core/errors.js";
import { errorResponse, type ViewResponse } from "../../core/response.js";
import type { Logger } from "../../app/logger.js";

/** Statuses that never carry a body. */
export const NO_BODY_STATUS = new Set([101, 204, 205, 304]);

/** Cancels a stream body that will not be sent, so its source is released. */
export function cancelBody(body: ViewResponse["body"]): void {
  if (body !== null && typeof (body as ReadableStream).cancel === "function") {
    (body as ReadableStream).cancel().catch(() => undefined);
  }
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** Streams a body with back-pressure; stops when the client goes, cuts the response on a stream error. */
export async function pump(res: ServerResponse, body: AsyncIterable<Uint8Array | string>, logger: Logger): Promise<void> {
  try {
    for await (const chunk of body) {
      if (res.destroyed) break;
      if (!res.write(chunk)) await waitForDrain(res);
    }
    if (!res.destroyed) res.end();
  } catch (error) {
    logger.error("a response body stream failed; the response was cut", error);
    res.destroy(error as Error);
  }
}

/**
 * Answers a problem+json 500 in place of a response node refused, with the reason phrase of
 * 500 (node keeps the one of the refused status otherwise); a socket that cannot take even
 * that is destroyed.
 */
export function writeFallback(res: ServerResponse, error: unknown, logger: Logger): void {
  logger.error("the response headers could not be written", error);
  const fallback = errorResponse(new Error("invalid response headers"));
  try {
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    const body = Buffer.from(fallback.body as string);
    res.writeHead(fallback.status, statusTitle(fallback.status), { ...fallback.headers, "content-length": String(body.byteLength) }).end(body);
  } catch {
    res.destroy();
  }
}

/**
 * Writes a {@link ViewResponse} with node's own API: `writeHead` and `end` for whole bodies
 * (with their `Content-Length`), `write` with back-pressure for streams. HEAD and bodiless
 * statuses send headers only. A response whose client is gone is dropped.
 */
export function writeNodeResponse(
  res: ServerResponse,
  response: ViewResponse,
  method: string,
  closing: boolean,
  logger: Logger,
): void | Promise<void> {
  let body = response.body;
  if (res.destroyed || res.headersSent) {
    cancelBody(body);
    return;
  }
  // node writes a number as it is: no string made for the length.
  const headers = response.headers as Record<string, string | string[] | number>;
  if (closing) headers.connection = "close";
  const noBody = NO_BODY_STATUS.has(response.status);
  const bodyless = noBody || method === "HEAD";
  if (noBody) {
    // RFC 9110: no Content-Length on a 204 or 304; node would announce the body it then drops.
    cancelBody(body);
    body = null;
  } else if (typeof body === "string") {
    headers["content-length"] = Buffer.byteLength(body);
  } else if (body instanceof Uint8Array) {
    headers["content-length"] = body.byteLength;
  } else if (bodyless && body !== null) {
    cancelBody(body);
    body = null;
  }
  try {
    res.writeHead(response.status, headers);
  } catch (error) {
    writeFallback(res, error, logger);
    cancelBody(body);
    return;
  }
  if (bodyless || body === null) {
    res.end();
    return;
  }
  if (typeof body === "string" || body instanceof Uint8Array) {
    res.end(body);
    return;
  }
  return pump(res, body as AsyncIterable<Uint8Array | string>, logger);
}
