import { BadRequest, RequestTimeout } from "../core/errors.js";
import { deadlinesOf, type Deadline } from "./deadlines.js";

/** The 400 for a body whose request was aborted (the client went away, or a time limit passed). */
export function cutShort(reason: unknown): BadRequest {
  return new BadRequest("The request body was cut short: the request was aborted", { cause: reason });
}

/** The 408 for a body that did not arrive within the App's `bodyTimeout`. */
export function bodyTimedOut(ms: number): RequestTimeout {
  return new RequestTimeout(`The request body did not arrive within ${ms} ms`);
}

/**
 * How a body read learns that the App gave up on it: the part of an `AbortSignal` a reader
 * uses, with one listener slot in place of an event target (a body read costs no
 * `addEventListener` then).
 */
export interface ReadStop {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Sets the one function to run when the read is stopped; `undefined` clears it. */
  onStop(listener: (() => void) | undefined): void;
}

/** A {@link ReadStop} over an `AbortSignal`, for a reader handed one. */
export function stopOf(signal: AbortSignal): ReadStop {
  let current: (() => void) | undefined;
  return {
    get aborted() {
      return signal.aborted;
    },
    get reason(): unknown {
      return signal.reason;
    },
    onStop(listener) {
      if (current !== undefined) signal.removeEventListener("abort", current);
      current = listener;
      if (listener !== undefined) signal.addEventListener("abort", listener, { once: true });
    },
  };
}

/**
 * The stop of one body read: a {@link ReadStop} for the App's own readers, and an
 * `AbortSignal` (`signal`, made on first use) for a source's `readBody()`.
 */
export class BodyStop implements ReadStop {
  aborted = false;
  reason: unknown = undefined;
  private listener: (() => void) | undefined = undefined;
  private controller: AbortController | undefined = undefined;

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  onStop(listener: (() => void) | undefined): void {
    this.listener = listener;
  }

  stop(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  }
}

/** Where a body read learns that its request was aborted (the request context's lazy parts). */
export interface AbortWatch {
  /** Why the request was aborted; `undefined` while it is not. */
  readonly abortReason: unknown;
  /** The one function to run when the request is aborted, with the reason. */
  onAbort: ((reason: unknown) => void) | undefined;
}

/**
 * Runs a body read so that it always settles: it rejects with a 400 as soon as the request
 * is aborted (the client left, `handlerTimeout` passed), and with a 408 once `ms` pass
 * (0 for no limit). The read is handed a stop of its own that fires then, so that the
 * source stops reading and lets the connection close. The time limits of all reads share
 * one timer ({@link deadlinesOf}): a read costs no timer of its own.
 */
export function boundedRead<T>(read: (stop: BodyStop) => Promise<T>, watch: AbortWatch, ms: number): Promise<T> {
  if (watch.abortReason !== undefined) return Promise.reject(cutShort(watch.abortReason));
  const stop = new BodyStop();
  return new Promise<T>((resolve, reject) => {
    const deadlines = ms > 0 ? deadlinesOf(ms) : undefined;
    let deadline: Deadline | undefined;
    const done = () => {
      if (deadline !== undefined) deadlines!.remove(deadline);
      watch.onAbort = undefined;
    };
    const fail = (error: unknown) => {
      done();
      stop.stop(error);
      reject(error);
    };
    watch.onAbort = (reason) => fail(cutShort(reason));
    if (deadlines !== undefined) deadline = deadlines.add(() => fail(bodyTimedOut(ms)));
    let started: Promise<T>;
    try {
      started = read(stop);
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
