import type { Duplex } from "node:stream";
import { statusTitle } from "../../core/errors.js";

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_URI_TOO_LONG: 414,
};

/** Whether the request node refused is a HEAD, whose answer carries no body (`rawPacket` may hold earlier pipelined requests). */
function refusedHead(error: Error & { rawPacket?: unknown; bytesParsed?: unknown }): boolean {
  const packet = error.rawPacket;
  if (!Buffer.isBuffer(packet)) return false;
  const parsed = typeof error.bytesParsed === "number" ? packet.subarray(0, error.bytesParsed) : packet;
  const end = parsed.lastIndexOf("\r\n\r\n");
  const start = end === -1 ? 0 : end + 4;
  return packet.toString("latin1", start, start + 5) === "HEAD ";
}

/**
 * Whether a response on this socket has begun: an answer written now would land inside it.
 * node's own default answer checks the same (`socketOnError` in lib/_http_server.js).
 */
function responseStarted(socket: Duplex): boolean {
  return (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage?.headersSent === true;
}

/**
 * A node:http `clientError` listener that answers what node's parser refused (a malformed
 * request line, an unknown method, headers too large) with a problem+json body instead of
 * node's bare 400, then closes the connection. When a response is already on its way (bytes
 * refused after a pipelined request), the connection is closed without a word, as node does.
 * `app.listen()` installs it; add it to your own server with
 * `server.on("clientError", answerClientError)`.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { App } from "methodview";
 * import { answerClientError, toNodeListener } from "methodview/node";
 * const app = new App();
 * createServer(toNodeListener(app)).on("clientError", answerClientError).listen(3000);
 * ```
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable || responseStarted(socket)) {
    socket.destroy();
    return;
  }
  const status = STATUS_BY_CODE[error.code ?? ""] ?? 400;
  const title = statusTitle(status);
  const body = JSON.stringify({ type: "about:blank", title, status, code: "MV_MALFORMED_REQUEST" });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${refusedHead(error) ? "" : body}`,
  );
}
