import type { Context } from "hono";
import type { ContentfulStatusCode, StatusCode } from "hono/utils/http-status";
import type { Logger } from "../../app/logger.js";
import { errorResponse, type ViewResponse } from "../../core/response.js";
import { guardedStream } from "./guarded-stream.js";

const NO_BODY_STATUS = new Set([101, 204, 205, 304]);
const encoder = new TextEncoder();

type HeaderRecord = Record<string, string | string[]>;
// The bodies `c.body()` takes that a ViewResponse can hold.
type Data = string | Uint8Array<ArrayBuffer> | ReadableStream;

function cancelBody(body: ViewResponse["body"]): void {
  if (body !== null && typeof (body as ReadableStream).cancel === "function") {
    (body as ReadableStream).cancel().catch(() => undefined);
  }
}

/**
 * Cuts a response whose body stream failed. On `@hono/node-server` the socket is destroyed
 * here (`c.env.outgoing`), so the client sees a cut response and the server logs nothing of
 * its own; elsewhere the stream errors and the runtime cuts it.
 */
function cutter(c: Context, logger: Logger): (error: unknown) => boolean {
  return (error) => {
    logger.error("a response body stream failed; the response was cut", error);
    const outgoing = (c.env as { outgoing?: { destroy?: () => void } } | undefined)?.outgoing;
    if (typeof outgoing?.destroy !== "function") return false;
    outgoing.destroy();
    return true;
  };
}

/**
 * Writes a {@link ViewResponse} with Hono's own `c.body(body, status, headers)`, so headers
 * set by Hono middleware are kept. Strings and bytes go as they are (the server adds their
 * `Content-Length`); streams and async iterables are pulled chunk by chunk, and one that
 * fails is logged with `logger` and cuts the response. HEAD and bodiless statuses send no
 * body; HEAD keeps the `Content-Length` the GET body would have had.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { json } from "methodview";
 * import { writeHonoResponse } from "methodview/hono";
 *
 * const hono = new Hono();
 * hono.get("/ping", (c) => writeHonoResponse(c, json({ pong: true }), c.req.method, console));
 * ```
 */
export function writeHonoResponse(c: Context, response: ViewResponse, method: string, logger: Logger): Response {
  let body = response.body;
  const { status, headers } = response;
  if (method === "HEAD" || NO_BODY_STATUS.has(status)) {
    if (method === "HEAD" && headers["content-length"] === undefined) {
      if (typeof body === "string") headers["content-length"] = String(encoder.encode(body).byteLength);
      else if (body instanceof Uint8Array) headers["content-length"] = String(body.byteLength);
    }
    cancelBody(body);
    body = null;
  } else if (body !== null && typeof body !== "string" && !(body instanceof Uint8Array)) {
    body = guardedStream(body, cutter(c, logger));
  }
  try {
    if (body === null) return c.body(null, status as StatusCode, headers as HeaderRecord);
    return c.body(body as Data, status as ContentfulStatusCode, headers as HeaderRecord);
  } catch (error) {
    logger.error("the response headers could not be written", error);
    cancelBody(body);
    const fallback = errorResponse(new Error("invalid response headers"));
    return c.body(fallback.body as string, fallback.status as ContentfulStatusCode, fallback.headers as HeaderRecord);
  }
}
