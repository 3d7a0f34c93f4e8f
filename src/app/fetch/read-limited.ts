import { PayloadTooLarge } from "../../core/errors.js";

/** The 413 for a body past the App's `bodyLimit`. */
export function tooLarge(limit: number): PayloadTooLarge {
  return new PayloadTooLarge(`The request body is larger than the limit of ${limit} bytes`);
}

type Chunks = ReadableStream<Uint8Array> | (AsyncIterable<Uint8Array> & { destroy?: (error?: Error) => void });

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body;
}

/** Reads a WHATWG stream or a node Readable chunk by chunk; `stop` cancels or destroys it. */
async function* chunksOf(chunks: Chunks, stop: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  if (!("getReader" in chunks)) {
    const onStop = () => chunks.destroy?.();
    stop?.addEventListener("abort", onStop, { once: true });
    try {
      yield* chunks;
    } finally {
      stop?.removeEventListener("abort", onStop);
    }
    return;
  }
  const reader = chunks.getReader();
  const onStop = () => void reader.cancel(stop?.reason).catch(() => undefined);
  stop?.addEventListener("abort", onStop, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || stop?.aborted) return;
      yield value;
    }
  } finally {
    stop?.removeEventListener("abort", onStop);
    reader.cancel().catch(() => undefined);
  }
}

/**
 * Reads a stream of byte chunks into one `Uint8Array`, rejecting with a 413 as soon as it
 * passes `limit` bytes; the stream is cancelled then, not read to the end (`onTooLarge`
 * runs first). When `stop` aborts, the stream is cancelled and the read rejects with its reason.
 */
export async function readLimited(chunks: Chunks, limit: number, onTooLarge?: () => void, stop?: AbortSignal): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunksOf(chunks, stop)) {
    size += chunk.byteLength;
    if (size > limit) {
      onTooLarge?.();
      throw tooLarge(limit);
    }
    parts.push(chunk);
  }
  if (stop?.aborted) throw stop.reason;
  return concat(parts, size);
}
