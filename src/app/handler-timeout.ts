import { ServiceUnavailable } from "../core/errors.js";
import { errorResponse, type ViewResponse } from "../core/response.js";
import type { AppContext } from "./app-context.js";

/**
 * Answers 503 when `pending` has not settled within `ms`, and aborts `ctx.signal` so that
 * the handler can stop. The late result is dropped without an error; the request still
 * counts as in flight until it really ends, so `app.close()` waits for it.
 */
export function withHandlerTimeout(pending: Promise<ViewResponse>, ctx: AppContext, ms: number): Promise<ViewResponse> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<ViewResponse>((resolve) => {
    timer = setTimeout(() => {
      ctx.abort(new DOMException(`The request took longer than ${ms} ms`, "TimeoutError"));
      resolve(errorResponse(new ServiceUnavailable(`The request took longer than ${ms} ms`)));
    }, ms);
  });
  return Promise.race([pending.finally(() => clearTimeout(timer)), timeout]);
}
