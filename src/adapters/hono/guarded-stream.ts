const encoder = new TextEncoder();

interface Pull {
  next(): Promise<IteratorResult<Uint8Array | string>>;
  cancel(reason: unknown): Promise<unknown> | undefined;
}

function pullFrom(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>): Pull {
  if (typeof (body as ReadableStream).getReader === "function") {
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    return {
      next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
      cancel: (reason) => reader.cancel(reason),
    };
  }
  const iterator = (body as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  return {
    next: () => iterator.next(),
    cancel: (reason) => iterator.return?.(reason),
  };
}

/**
 * A `ReadableStream` over a response body (a stream or an async iterable) that is pulled one
 * chunk at a time, so the host's back-pressure reaches the source. When the source fails,
 * `cut(error)` is called; unless it returns `true` (it ended the response itself), the
 * stream errors and the host cuts the response.
 */
export function guardedStream(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>,
  cut: (error: unknown) => boolean,
): ReadableStream<Uint8Array> {
  const source = pullFrom(body);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let step: IteratorResult<Uint8Array | string>;
        try {
          step = await source.next();
        } catch (error) {
          // Left open when cut: the host cancels it once the response is gone.
          if (!cut(error)) controller.error(error);
          return;
        }
        if (step.done) controller.close();
        else controller.enqueue(typeof step.value === "string" ? encoder.encode(step.value) : step.value);
      },
      async cancel(reason) {
        try {
          await source.cancel(reason);
        } catch {
          // The source failed or was done already: nothing is left to release.
        }
      },
    },
    { highWaterMark: 0 },
  );
}
