import { isThenable } from "./thenable.js";
import { brand, isInstance } from "./brand.js";

/** A value returned as it is, or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFunction = (...args: any[]) => unknown;

/**
 * Runs every handler, hook and error handler: the TypeScript answer to Flask's `ensure_sync`.
 *
 * A sync result stays sync (no promise is made, no tick is spent); a thenable is handed back
 * to be awaited; a sync throw and a rejection reach the same error path through {@link run}.
 * Subclass it and override {@link call} to change how every handler runs (timing, tracing,
 * a time limit), then pass it to `new App({ dispatcher })`.
 *
 * @example
 * ```ts
 * import { Dispatcher } from "methodview";
 * const dispatcher = new Dispatcher();
 * const sync = dispatcher.call((a: number) => a + 1, undefined, [1]);
 * console.assert(sync === 2);
 * const wrapped = dispatcher.ensureAsync(() => { throw new Error("boom"); });
 * wrapped().catch((error: Error) => console.assert(error.message === "boom"));
 * ```
 * @see docs/views.md
 */
export class Dispatcher {
  /**
   * Calls `fn` with `thisArg` and `args` and returns what it returned, untouched: a plain
   * value synchronously, a thenable as it is. A sync throw propagates synchronously; use
   * {@link run} to send both kinds of failure to one place. This is the one method to
   * override to wrap every call.
   */
  call<F extends AnyFunction>(fn: F, thisArg: unknown, args: Parameters<F>): ReturnType<F> {
    return fn.apply(thisArg, args) as ReturnType<F>;
  }

  /**
   * Calls `fn` through {@link call}, then `onValue` with its result: synchronously when the
   * result is a plain value, after it settles when it is a thenable. A sync throw and a
   * rejection both go to `onError`, which may recover with a value or rethrow. As with
   * `promise.then(onValue, onError)`, a throw inside `onValue` is not sent to `onError`.
   */
  run<T, R>(
    fn: AnyFunction,
    thisArg: unknown,
    args: unknown[],
    onValue: (value: T) => R | PromiseLike<R>,
    onError: (error: unknown) => R | PromiseLike<R>,
  ): MaybePromise<R> {
    let result: unknown;
    try {
      result = this.call(fn, thisArg, args as never);
    } catch (error) {
      return onError(error) as MaybePromise<R>;
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(onValue as (value: unknown) => R | PromiseLike<R>, onError);
    }
    return onValue(result as T) as MaybePromise<R>;
  }

  /**
   * Wraps `fn` so that it always returns a promise: a sync result is resolved, a sync throw
   * becomes a rejection. For extension authors whose wrappers must await whatever they wrap.
   */
  ensureAsync<F extends AnyFunction>(fn: F): (...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>> {
    const dispatcher = this;
    return function ensuredAsync(this: unknown, ...args: Parameters<F>) {
      try {
        return Promise.resolve(dispatcher.call(fn, this, args)) as Promise<Awaited<ReturnType<F>>>;
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }

  /** `instanceof` that also accepts this class from another copy of methodview (ESM and CommonJS). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, value);
  }
}
brand(Dispatcher, "Dispatcher");

/** The Dispatcher used where no App supplies one. */
export const defaultDispatcher = new Dispatcher();
