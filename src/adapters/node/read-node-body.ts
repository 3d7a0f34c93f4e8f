import type { IncomingMessage } from "node:http";
import { BadRequest } from "../../core/errors.js";
import { tooLarge } from "../../app/fetch/read-limited.js";

/**
 * Reads a node request body with `data`/`end` listeners (cheaper than its async iterator):
 * a 413 as soon as it passes `limit` bytes, after which the rest flows away unread; a 400
 * when the client cuts it short.
 */
export function readNodeBody(req: IncomingMessage, limit: number, onTooLarge: () => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        stop();
        onTooLarge();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(new BadRequest("The request body was cut short", { cause: error }));
    };
    const onClose = () => {
      if (req.complete) return;
      stop();
      reject(new BadRequest("The request body was cut short"));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}
