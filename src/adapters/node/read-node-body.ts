import type { IncomingMessage } from "node:http";
import { BadRequest } from "../../core/errors.js";
import type { ReadStop } from "../../app/bounded-read.js";
import { tooLarge } from "../../app/fetch/read-limited.js";

/**
 * Reads a node request body with `data`/`end` listeners (cheaper than its async iterator):
 * a 413 as soon as it passes `limit` bytes, after which the rest flows away unread
 * (`leaveUnread` sees that the connection closes); a 400 when the client cuts it short,
 * even if it left before the read began; when `stop` aborts, the read ends the same way
 * as past the limit.
 */
export function readNodeBody(req: IncomingMessage, limit: number, leaveUnread: () => void, stop?: ReadStop): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    // The client left before the handler asked: no event is coming, so answer now.
    if (req.destroyed && !req.complete) {
      stop?.settled();
      return reject(new BadRequest("The request body was cut short"));
    }
    // Most bodies come in one chunk: no array for them.
    let first: Buffer | undefined;
    let more: Buffer[] | undefined;
    let size = 0;
    const off = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
      stop?.settled();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        off();
        leaveUnread();
        reject(tooLarge(limit));
        return;
      }
      if (first === undefined) first = chunk;
      else (more ??= [first]).push(chunk);
    };
    // The listeners stay on a request read to its end: no more data comes, a late "close"
    // finds it complete, and a late "error" rejects a settled promise.
    const onEnd = () => {
      stop?.settled();
      resolve(more !== undefined ? Buffer.concat(more, size) : (first ?? new Uint8Array(0)));
    };
    const onError = (error: Error) => {
      off();
      reject(new BadRequest("The request body was cut short", { cause: error }));
    };
    const onClose = () => {
      if (req.complete) return;
      off();
      reject(new BadRequest("The request body was cut short"));
    };
    const onStop = () => {
      off();
      leaveUnread();
      req.resume();
      reject(stop?.reason);
    };
    if (stop?.aborted) return onStop();
    stop?.onStop(onStop);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}
