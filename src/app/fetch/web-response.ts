import type { ViewResponse } from "../../core/response.js";
import type { Logger } from "../logger.js";

const NO_BODY_STATUS = new Set([101, 204, 205, 304]);

function toStream(body: AsyncIterable<Uint8Array | string>, logger: Logger | undefined): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let step: IteratorResult<Uint8Array | string>;
      try {
        step = await iterator.next();
      } catch (error) {
        // The stream errors and the runtime cuts the response; the App's logger hears why, as on node:http.
        logger?.error("a response body stream failed; the response was cut", error);
        throw error;
      }
      const { value, done } = step;
      if (done) controller.close();
      else controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}

/**
 * Writes a {@link ViewResponse} as a WHATWG `Response`; HEAD and bodiless statuses send no
 * body. A `Response` a handler returned is rebuilt around its body stream, so that what after
 * hooks changed in its status and headers is kept. An async iterable body that fails is
 * logged with `logger`.
 */
export function toWebResponse(response: ViewResponse, method: string, logger?: Logger): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  let body = response.body;
  if (method === "HEAD" || NO_BODY_STATUS.has(response.status)) {
    if (method === "HEAD" && (typeof body === "string" || body instanceof Uint8Array) && !headers.has("content-length")) {
      headers.set("content-length", String(typeof body === "string" ? new TextEncoder().encode(body).byteLength : body.byteLength));
    }
    if (body !== null && typeof (body as ReadableStream).cancel === "function") void (body as ReadableStream).cancel().catch(() => undefined);
    body = null;
  }
  const init = { status: response.status, headers };
  if (body === null || typeof body === "string" || body instanceof Uint8Array) return new Response(body, init);
  if (typeof (body as ReadableStream).getReader === "function") return new Response(body as ReadableStream, init);
  return new Response(toStream(body as AsyncIterable<Uint8Array | string>, logger), init);
}
