import type { RequestContext } from "../core/context.js";
import type { HandlerResult } from "../core/view-function.js";
import type { ViewResponse } from "../core/response.js";

/** Runs before the view, in registration order; returning anything but `undefined` answers the request. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BeforeRequestHook = (ctx: RequestContext<any>) => HandlerResult;
/** Runs after the view, in reverse order; may return a new response (`undefined` keeps it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AfterRequestHook = (response: ViewResponse, ctx: RequestContext<any>) => HandlerResult;
/** Runs last, in reverse order, success or error; gets the error thrown during the request, if any. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TeardownHook = (error: unknown, ctx: RequestContext<any>) => unknown;

/** Checks at registration that a hook is a function, naming the API that was given something else. */
export function assertFunction(value: unknown, api: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== "function") {
    throw new TypeError(`${api} expects a function (sync or async), got ${value === null ? "null" : typeof value}`);
  }
}
