import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
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

/**
 * Runs `fn(arg)` with `ctx` as the current request context, and leaves it when `fn` returns.
 * With context frames, an AsyncResource made here holds the caller's context and restores it
 * as it is, so the request costs one context copy where `AsyncLocalStorage.run()` makes two.
 */
export function runWithContext<A, R>(ctx: RequestContext, fn: (arg: A) => R, arg: A): R {
  if (!contextFrames()) return requestStorage.run(ctx, fn, arg);
  return new AsyncResource(RESOURCE_TYPE).runInAsyncScope(enterAndRun, undefined, ctx, fn, arg) as R;
}

const RESOURCE_TYPE = "methodview.request";

function enterAndRun<A, R>(ctx: RequestContext, fn: (arg: A) => R, arg: A): R {
  requestStorage.enterWith(ctx);
  return fn(arg);
}

/**
 * Whether every callback a host makes (an I/O event, a timer, a tick, a promise job) starts in
 * the context it was scheduled in and drops what it entered when it returns: true where
 * AsyncLocalStorage runs on AsyncContextFrame (Node 24 and later, unless turned off). Asked
 * once, on the first request that could use it; never on Bun or Deno, whose hosts may differ.
 */
let callbacksRestoreContext: boolean | undefined;

function contextFrames(): boolean {
  return (callbacksRestoreContext ??= probeCallbacksRestoreContext());
}

function probeCallbacksRestoreContext(): boolean {
  const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process?.versions;
  if (versions?.node === undefined || versions.bun !== undefined || versions.deno !== undefined || "Deno" in globalThis) return false;
  // With async hooks (Node 20, 22), what a callback entered stays on its resource and is there
  // the next time the resource calls back; with context frames it is gone.
  const probe = new AsyncLocalStorage<true>();
  const resource = new AsyncResource("methodview.contextProbe");
  resource.runInAsyncScope(() => probe.enterWith(true));
  const kept = resource.runInAsyncScope(() => probe.getStore());
  probe.disable();
  return kept === undefined;
}

/**
 * Runs `fn(arg)` with `ctx` as the current request context, from a host's request callback:
 * where the host restores the context when its callback returns, the context is entered for
 * the rest of the callback (one context copy); elsewhere as {@link runWithContext} (two).
 */
export function runInHostCallback<A, R>(ctx: RequestContext, fn: (arg: A) => R, arg: A): R {
  if (!contextFrames()) return requestStorage.run(ctx, fn, arg);
  requestStorage.enterWith(ctx);
  return fn(arg);
}

/**
 * Enters `ctx` for the rest of a host's request callback where the host drops it when the
 * callback returns (see {@link runInHostCallback}); false, entering nothing, elsewhere.
 */
export function enterInHostCallback(ctx: RequestContext): boolean {
  if (!contextFrames()) return false;
  requestStorage.enterWith(ctx);
  return true;
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
