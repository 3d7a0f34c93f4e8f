/** A value with a `then` method: a Promise, or any promise-like object. */
export type Thenable<T = unknown> = PromiseLike<T>;

/**
 * Whether `value` is a thenable. Detected by its `then` function, as Promises/A+ says,
 * not by `instanceof Promise`, so promises from other realms and libraries count.
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
  try {
    return typeof (value as { then?: unknown }).then === "function";
  } catch {
    // A `then` that throws when read (a getter, a revoked Proxy): not a thenable. What is
    // done with the value next (serialising it, checking it) reports the fault where it is caught.
    return false;
  }
}
