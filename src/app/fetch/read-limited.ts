import { PayloadTooLarge } from "../../core/errors.js";

/** The 413 for a body past the App's `bodyLimit`. */
export function tooLarge(limit: number): PayloadTooLarge {
  return new PayloadTooLarge(`The request body is larger than the limit of ${limit} bytes`);
}

/**
 * Reads a stream of byte chunks into one `Uint8Array`, rejecting with a 413 as soon as it
 * passes `limit` bytes; the stream is cancelled then, not read to the end.
 */
export async function readLimited(chunks: AsyncIterable<Uint8Array>, limit: number, onTooLarge?: () => void): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > limit) {
      onTooLarge?.();
      throw tooLarge(limit);
    }
    parts.push(chunk);
  }
  if (parts.length === 1) return parts[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body;
}
