import { randomUUID } from "node:crypto";
import type { AfterRequestHook, BeforeRequestHook, RequestContext } from "../../src/index.js";

const ID = "requestId";
const STARTED = "startedAt";
// A client's id is echoed in a header and stored, so only a short, plain one is kept.
const CLIENT_ID = /^[\w.-]{1,128}$/;

/**
 * Before each request: keeps the client's `x-request-id` when it is a plain token, else makes
 * one, and notes the time. The views put the id in the audit rows, so a row leads back to the
 * request that wrote it.
 */
export const assignRequestId: BeforeRequestHook = (ctx) => {
  const given = ctx.headers.get("x-request-id");
  ctx.state[ID] = given !== null && CLIENT_ID.test(given) ? given : randomUUID();
  ctx.state[STARTED] = performance.now();
};

/** After each request, errors included: sends `x-request-id` and `x-response-time` back. */
export const sendRequestId: AfterRequestHook = (response, ctx) => {
  response.setHeader("x-request-id", requestIdOf(ctx));
  response.setHeader("x-response-time", `${(performance.now() - (ctx.state[STARTED] as number)).toFixed(2)}ms`);
};

/** The id {@link assignRequestId} gave the request. */
export function requestIdOf(ctx: RequestContext): string {
  return ctx.state[ID] as string;
}
