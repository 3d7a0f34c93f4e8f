import type { RequestContext } from "../core/context.js";
import type { Dispatcher } from "../core/dispatcher.js";
import type { Logger } from "./logger.js";

/** Receives the failure of background work, with the context of the request that started it. */
export type BackgroundErrorHandler = (error: unknown, ctx: RequestContext | undefined) => void;

/** What `app.close()` reports of the background work it waited for. */
export interface DrainReport {
  /** Tasks that settled while the App waited. */
  readonly completed: number;
  /** Tasks still running when `shutdownTimeout` ran out. */
  readonly pending: number;
  /** Whether the time ran out. */
  readonly timedOut: boolean;
}

/**
 * Work that outlives the response: started, tracked until it settles, its failures sent to
 * `onBackgroundError` (never an unhandled rejection), drained by `app.close()`.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly onError: BackgroundErrorHandler,
    private readonly logger: Logger,
  ) {}

  /** How many tasks are running. */
  get size(): number {
    return this.pending.size;
  }

  /** Tracks a promise until it settles. */
  track(work: PromiseLike<unknown>, ctx: RequestContext | undefined): void {
    if (work === null || typeof (work as { then?: unknown })?.then !== "function") {
      throw new TypeError(`waitUntil(promise) expects a promise, got ${work === null ? "null" : typeof work}`);
    }
    const settled: Promise<void> = Promise.resolve(work).then(
      () => undefined,
      (error: unknown) => this.report(error, ctx),
    );
    this.pending.add(settled);
    void settled.finally(() => this.pending.delete(settled));
  }

  /**
   * Runs `fn(...args)` once `responded` settles (the request's response is ready) and a
   * macrotask later, so the response is on its way; in the async context it was started
   * from, through the Dispatcher.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  start<A extends unknown[]>(fn: (...args: A) => unknown, args: A, ctx: RequestContext | undefined, responded?: Promise<void>): void {
    if (typeof fn !== "function") {
      throw new TypeError(`addBackgroundTask(fn, ...args) expects fn to be a function, got ${typeof fn}`);
    }
    const work = (responded ?? Promise.resolve())
      .then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
      .then(() => this.dispatcher.call(fn, undefined, args));
    this.track(work, ctx);
  }

  private report(error: unknown, ctx: RequestContext | undefined): void {
    try {
      this.onError(error, ctx);
    } catch (secondary) {
      this.logger.error("onBackgroundError threw while reporting a background failure", secondary);
    }
  }

  /** Waits for every task, at most `timeoutMs`; never rejects. */
  async drain(timeoutMs: number): Promise<DrainReport> {
    const before = this.pending.size;
    if (before === 0) return { completed: 0, pending: 0, timedOut: false };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(resolve, timeoutMs, "timeout");
    });
    const waitAll = async (): Promise<"done"> => {
      while (this.pending.size > 0) await Promise.all(this.pending);
      return "done";
    };
    const outcome = await Promise.race([waitAll(), timeout]);
    clearTimeout(timer);
    const pending = this.pending.size;
    return { completed: Math.max(0, before - pending), pending, timedOut: outcome === "timeout" };
  }
}
