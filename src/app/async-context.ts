import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestContext } from "../core/context.js";
import { NoActiveContextError } from "../core/errors.js";

const STORAGE = Symbol.for("methodview.requestStorage");

/**
 * One store for every App: a nested App's request simply runs in its own context. It lives
 * under a global `Symbol.for` key so that the ESM and the CommonJS copy of methodview share
 * it: `currentContext()` from `require("methodview")` sees a request an ESM App is serving.
 */
export const requestStorage: AsyncLocalStorage<RequestContext> = ((globalThis as { [STORAGE]?: AsyncLocalStorage<RequestContext> })[STORAGE] ??=
  new AsyncLocalStorage<RequestContext>());

/** Runs `fn(arg)` with `ctx` as the current request context. */
export function runWithContext<A, R>(ctx: RequestContext, fn: (arg: A) => R, arg: A): R {
  return requestStorage.run(ctx, fn, arg);
}

/**
 * The context of the request being handled, anywhere below a handler, a hook or a
 * background task started by one. Throws {@link NoActiveContextError} outside a request
 * or when the App was made with `asyncContext: false`.
 *
 * @example
 * ```ts
 * import { App, currentContext } from "methodview";
 * function requestId() {
 *   return currentContext().headers.get("x-request-id");
 * }
 * const app = new App();
 * app.route("/id", () => ({ id: requestId() }));
 * ```
 */
export function currentContext<Ctx = RequestContext>(): Ctx {
  const ctx = requestStorage.getStore();
  if (ctx === undefined) throw new NoActiveContextError();
  return ctx as Ctx;
}
