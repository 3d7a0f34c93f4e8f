import type { Response as ExpressResponse } from "express";
import type { Logger } from "../../app/logger.js";
import type { ViewResponse } from "../../core/response.js";
import { cancelBody, NO_BODY_STATUS, pump, writeFallback } from "../node/write-response.js";

function setHeaders(res: ExpressResponse, headers: ViewResponse["headers"]): void {
  for (const name in headers) res.setHeader(name, headers[name]!);
}

/**
 * Writes a {@link ViewResponse} with Express's API: `res.status()`, then `res.send()` for
 * whole bodies (Express adds Content-Length and ETag and drops the body for HEAD), `res.end()`
 * for none, and a back-pressured pump for streams.
 */
export function writeExpressResponse(res: ExpressResponse, response: ViewResponse, method: string, closing: boolean, logger: Logger): void | Promise<void> {
  const body = response.body;
  if (res.destroyed || res.headersSent) {
    cancelBody(body);
    return;
  }
  try {
    res.status(response.status);
    setHeaders(res, response.headers);
    if (closing) res.setHeader("connection", "close");
  } catch (error) {
    writeFallback(res, error, logger);
    cancelBody(body);
    return;
  }
  if (body === null) {
    res.end();
  } else if (typeof body === "string") {
    // As bytes: res.send() would append a charset to the App's content type.
    res.send(Buffer.from(body));
  } else if (body instanceof Uint8Array) {
    res.send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  } else if (method === "HEAD" || NO_BODY_STATUS.has(response.status)) {
    cancelBody(body);
    res.end();
  } else {
    return pump(res, body as AsyncIterable<Uint8Array | string>, logger);
  }
}
