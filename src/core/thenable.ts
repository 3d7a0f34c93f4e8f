/** A value with a `then` method: a Promise, or any promise-like object. */
export type Thenable<T = unknown> = PromiseLike<T>;

/**
 * Whether `value` is a thenable. Detected by its `then` function, as Promises/A+ says,
 * not by `instanceof Promise`, so promises from other realms and libraries count.
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
