import { BadRequest, RequestTimeout } from "../core/errors.js";

/** The 400 for a body whose request was aborted (the client went away, or a time limit passed). */
export function cutShort(reason: unknown): BadRequest {
  return new BadRequest("The request body was cut short: the request was aborted", { cause: reason });
}

/** The 408 for a body that did not arrive within the App's `bodyTimeout`. */
export function bodyTimedOut(ms: number): RequestTimeout {
  return new RequestTimeout(`The request body did not arrive within ${ms} ms`);
}

/**
 * Runs a body read so that it always settles: it rejects with a 400 as soon as `signal`
 * aborts (the client left, `handlerTimeout` passed), and with a 408 once `ms` pass
 * (0 for no limit). The read is handed a signal of its own that aborts then, so that the
 * source stops reading and lets the connection close.
 */
export function boundedRead<T>(read: (stop: AbortSignal) => Promise<T>, signal: AbortSignal, ms: number): Promise<T> {
  if (signal.aborted) return Promise.reject(cutShort(signal.reason));
  const stop = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    };
    const fail = (error: unknown) => {
      done();
      stop.abort(error);
      reject(error);
    };
    const onAbort = () => fail(cutShort(signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    if (ms > 0) timer = setTimeout(() => fail(bodyTimedOut(ms)), ms);
    let started: Promise<T>;
    try {
      started = read(stop.signal);
    } catch (error) {
      started = Promise.reject(error);
    }
    started.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
