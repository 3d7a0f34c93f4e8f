import type { Duplex } from "node:stream";
import { statusTitle } from "../../core/errors.js";

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_URI_TOO_LONG: 414,
};

/**
 * A node:http `clientError` listener that answers what node's parser refused (a malformed
 * request line, an unknown method, headers too large) with a problem+json body instead of
 * node's bare 400, then closes the connection. `app.listen()` installs it; add it to your
 * own server with `server.on("clientError", answerClientError)`.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { answerClientError, toNodeListener } from "methodview/node";
 * createServer(toNodeListener(app)).on("clientError", answerClientError).listen(3000);
 * ```
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = STATUS_BY_CODE[error.code ?? ""] ?? 400;
  const title = statusTitle(status);
  const body = JSON.stringify({ type: "about:blank", title, status, code: "MV_MALFORMED_REQUEST" });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
