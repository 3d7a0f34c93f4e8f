import type { Duplex } from "node:stream";
import { statusTitle } from "../../core/errors.js";

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_URI_TOO_LONG: 414,
};

/**
 * Whether the request the parser refused is a HEAD, whose answer carries no body. `rawPacket`
 * may also hold the pipelined requests before it: node's `bytesParsed` says where its parser
 * stopped, inside the refused request; Bun gives no `bytesParsed`, and there the refused
 * request is the last one that begins in the packet. Either way it begins after the last blank
 * line that ends before that point.
 */
function refusedHead(error: Error & { rawPacket?: unknown; bytesParsed?: unknown }): boolean {
  const packet = error.rawPacket;
  if (!Buffer.isBuffer(packet)) return false;
  // The blank line must end before `bytesParsed`, or (Bun) before the packet does: the refused
  // request's own closing blank line does not count. A negative offset would count from the end.
  const from = typeof error.bytesParsed === "number" ? error.bytesParsed - 4 : packet.length - 5;
  const end = from < 0 ? -1 : packet.lastIndexOf("\r\n\r\n", from);
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
