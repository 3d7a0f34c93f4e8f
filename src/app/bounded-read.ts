import { BadRequest, RequestTimeout } from "../core/errors.js";
import { deadlinesOf, type Deadline, type Deadlines } from "./deadlines.js";

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
 * `addEventListener` then), and `settled()`, which the reader calls once its promise settles.
 */
export interface ReadStop {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Sets the one function to run when the read is stopped; `undefined` clears it. */
  onStop(listener: (() => void) | undefined): void;
  /** The read settled: its listener is cleared, and whatever would stop it lets it go. */
  settled(): void;
}

/** A {@link ReadStop} over an `AbortSignal`, for a reader handed one. */
export function stopOf(signal: AbortSignal): ReadStop {
  let current: (() => void) | undefined;
  const stop: ReadStop = {
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
    settled() {
      stop.onStop(undefined);
    },
  };
  return stop;
}

/** Where a body read learns that its request was aborted (the request context's lazy parts). */
export interface AbortWatch {
  /** Why the request was aborted; `undefined` while it is not. */
  readonly abortReason: unknown;
  /** The read under way, told when the request is aborted; it clears this once it settles. */
  reading: BodyStop | undefined;
}

/**
 * The stop of one body read: it fires when the request is aborted (the client left,
 * `handlerTimeout` passed: a 400) or when `ms` pass (the App's `bodyTimeout`: a 408). A
 * {@link ReadStop} for the App's own readers, and an `AbortSignal` (`signal`, made on first
 * use) for a source's `readBody()`. The time limits of all reads share one timer
 * ({@link deadlinesOf}): a read costs no timer, no closure and no promise of its own.
 */
export class BodyStop implements ReadStop {
  aborted = false;
  reason: unknown = undefined;
  private listener: (() => void) | undefined = undefined;
  private controller: AbortController | undefined = undefined;
  private watch: AbortWatch | undefined;
  private queue: Deadlines | undefined = undefined;
  private deadline: Deadline | undefined = undefined;

  constructor(
    watch?: AbortWatch,
    private readonly ms = 0,
  ) {
    this.watch = watch;
    if (watch !== undefined) watch.reading = this;
    if (ms > 0) this.deadline = (this.queue = deadlinesOf(ms)).add(this);
  }

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

  settled(): void {
    this.listener = undefined;
    this.release();
  }

  /** The request was aborted: the read rejects with a 400. */
  abort(reason: unknown): void {
    this.stop(cutShort(reason));
  }

  /** @internal `bodyTimeout` passed: the read rejects with a 408. */
  expire(): void {
    this.deadline = undefined;
    this.stop(bodyTimedOut(this.ms));
  }

  stop(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.release();
    this.controller?.abort(reason);
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  }

  private release(): void {
    if (this.deadline !== undefined) {
      this.queue!.remove(this.deadline);
      this.deadline = undefined;
    }
    if (this.watch !== undefined) {
      if (this.watch.reading === this) this.watch.reading = undefined;
      this.watch = undefined;
    }
  }
}

/**
 * Runs a body read that keeps {@link ReadStop}'s contract (it rejects with `stop.reason` as
 * soon as the stop fires, and calls `stop.settled()` when it settles), so that it always
 * settles: with a 400 once the request is aborted, a 408 once `ms` pass (0 for no limit).
 * `read` is called as `read.call(self, limit, stop, then)`: a method and its object, no closure.
 */
export function stoppableRead<T, S, A>(
  read: (this: S, limit: number, stop: BodyStop, then?: A) => Promise<T>,
  self: S,
  limit: number,
  watch: AbortWatch,
  ms: number,
  then?: A,
): Promise<T> {
  if (watch.abortReason !== undefined) return Promise.reject(cutShort(watch.abortReason));
  const stop = new BodyStop(watch, ms);
  try {
    return read.call(self, limit, stop, then);
  } catch (error) {
    stop.settled();
    return Promise.reject(error);
  }
}

/**
 * A read that may not keep the contract (a source's own `readBody()`, told through
 * `stop.signal`) made to: its promise, or `stop.reason` as soon as the stop fires.
 */
export function settleOnStop<T>(started: Promise<T>, stop: BodyStop): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (stop.aborted) reject(stop.reason);
    else stop.onStop(() => reject(stop.reason));
    started.then(
      (value) => {
        stop.settled();
        resolve(value);
      },
      (error: unknown) => {
        stop.settled();
        reject(error);
      },
    );
  });
}

/** A reader of a body given an `AbortSignal`: a source's `readBody()`. */
export interface SignalReader<T> {
  readBody(limit: number, signal: AbortSignal): Promise<T>;
}

function readWithSignal<T>(this: SignalReader<T>, limit: number, stop: BodyStop): Promise<T> {
  return settleOnStop(this.readBody(limit, stop.signal), stop);
}

/** {@link stoppableRead} for any reader given an `AbortSignal`. */
export function boundedRead<T>(reader: SignalReader<T>, limit: number, watch: AbortWatch, ms: number): Promise<T> {
  return stoppableRead(readWithSignal<T>, reader, limit, watch, ms);
}
