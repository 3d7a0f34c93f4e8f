import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestContext } from "../core/context.js";
import { NoActiveContextError } from "../core/errors.js";

/** One store for every App: a nested App's request simply runs in its own context. */
export const requestStorage = new AsyncLocalStorage<RequestContext>();

function enter<A, R>(ctx: RequestContext, fn: (arg: A) => R, arg: A): R {
  requestStorage.enterWith(ctx);
  return fn(arg);
}

// Where AsyncLocalStorage is built on AsyncContextFrame (Node 24 and later), `run()` makes two
// frames, each a copy of the current one: one to enter, one to restore the prior store. A
// snapshot restores the prior frame itself, so entering inside one makes a single copy, with
// the same result: the other stores are kept inside, and nothing changes outside. On the
// async_hooks implementation (Node 20 and 22) a snapshot is an AsyncResource, and `run()` is
// the cheaper of the two. `_propagate` exists only on that implementation.
const framesAreValues = typeof (AsyncLocalStorage.prototype as { _propagate?: unknown })._propagate !== "function";

/** Runs `fn(arg)` with `ctx` as the current request context: `requestStorage.run()`, made cheaper. */
export function runWithContext<A, R>(ctx: RequestContext, fn: (arg: A) => R, arg: A): R {
  return framesAreValues ? AsyncLocalStorage.snapshot()(enter<A, R>, ctx, fn, arg) : requestStorage.run(ctx, fn, arg);
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
