import type { RequestContext } from "../core/context.js";
import type { HandlerResult } from "../core/view-function.js";
import type { ViewResponse } from "../core/response.js";

/** Runs before the view, in registration order; returning anything but `undefined` answers the request. */
export type BeforeRequestHook = (ctx: RequestContext) => HandlerResult;
/** Runs after the view, in reverse order; may return a new response (`undefined` keeps it). */
export type AfterRequestHook = (response: ViewResponse, ctx: RequestContext) => HandlerResult;
/** Runs last, in reverse order, success or error; gets the error thrown during the request, if any. */
export type TeardownHook = (error: unknown, ctx: RequestContext) => unknown;

/** The App's hooks, each list in registration order. */
export class Hooks {
  readonly before: BeforeRequestHook[] = [];
  readonly after: AfterRequestHook[] = [];
  readonly teardown: TeardownHook[] = [];
}

/** Checks at registration that a hook is a function, naming the API that was given something else. */
export function assertFunction(value: unknown, api: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== "function") {
    throw new TypeError(`${api} expects a function (sync or async), got ${value === null ? "null" : typeof value}`);
  }
}
