import { backoffDelay, failureMessage, type BackendCloseReport, type FailedJob, type JobOptions, type JobRunner, type JobState, type TaskBackend } from "./backend.js";

interface MemoryJob {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
  readonly options: JobOptions;
  readonly seq: number;
  state: JobState;
  attemptsMade: number;
  failedReason?: string;
}

/** How many settled jobs (completed, failed) are kept for `state()` and `failed()`. */
const KEPT = 1000;

/**
 * The in-process backend, the default: jobs live in this process and run on its event
 * loop, by priority then order, with delays and retries; `close()` drains them. Nothing
 * survives the process: use the BullMQ backend when work must.
 */
export class MemoryBackend implements TaskBackend {
  readonly kind = "memory" as const;
  private readonly jobs = new Map<string, MemoryJob>();
  private readonly settled: string[] = [];
  private readonly ready: MemoryJob[] = [];
  private readonly timers = new Map<ReturnType<typeof setTimeout>, MemoryJob>();
  private readonly controllers = new Set<AbortController>();
  private run: JobRunner | undefined = undefined;
  private concurrency = 1;
  private active = 0;
  private seq = 0;
  private idle: (() => void) | undefined = undefined;

  async add(name: string, payload: unknown, options: JobOptions): Promise<string> {
    const id = options.jobId ?? `${++this.seq}`;
    if (this.jobs.has(id)) return id;
    const job: MemoryJob = { id, name, payload, options, seq: ++this.seq, state: "waiting", attemptsMade: 0 };
    this.jobs.set(id, job);
    if (options.delay > 0) this.later(job, options.delay);
    else this.enqueue(job);
    return id;
  }

  async state(id: string): Promise<JobState> {
    return this.jobs.get(id)?.state ?? "unknown";
  }

  async failed(): Promise<FailedJob[]> {
    return [...this.jobs.values()]
      .filter((job) => job.state === "failed")
      .map(({ id, name, payload, attemptsMade, failedReason }) => ({ id, name, payload, attemptsMade, failedReason: failedReason ?? "" }));
  }

  async startWorker(run: JobRunner, concurrency: number): Promise<void> {
    this.run = run;
    this.concurrency = concurrency;
    this.pump();
  }

  async close(timeoutMs: number): Promise<BackendCloseReport> {
    const drained = this.busy() === 0 ? Promise.resolve(true) : new Promise<boolean>((resolve) => (this.idle = () => resolve(true)));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, timeoutMs, false)));
    const done = await Promise.race([drained, timedOut]);
    clearTimeout(timer);
    this.idle = undefined;
    const pending = this.busy();
    if (!done) {
      for (const controller of this.controllers) controller.abort(new Error("the worker is shutting down"));
      for (const t of this.timers.keys()) clearTimeout(t);
      this.timers.clear();
    }
    return { pending, timedOut: !done };
  }

  /** Jobs not yet settled: running, ready, or waiting for a delay or a retry. */
  private busy(): number {
    return this.active + this.ready.length + this.timers.size;
  }

  private later(job: MemoryJob, ms: number): void {
    job.state = "delayed";
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue(job);
    }, ms);
    this.timers.set(timer, job);
  }

  private enqueue(job: MemoryJob): void {
    job.state = "waiting";
    // By priority (lower first, as BullMQ), then first in, first out.
    let i = this.ready.length;
    while (i > 0 && (this.ready[i - 1]!.options.priority > job.options.priority || (this.ready[i - 1]!.options.priority === job.options.priority && this.ready[i - 1]!.seq > job.seq))) i--;
    this.ready.splice(i, 0, job);
    // A macrotask later, so that an enqueue never runs a job inside the request that made it.
    setImmediate(() => this.pump());
  }

  private pump(): void {
    while (this.run !== undefined && this.active < this.concurrency && this.ready.length > 0) {
      void this.attempt(this.ready.shift()!, this.run);
    }
    if (this.busy() === 0) this.idle?.();
  }

  private async attempt(job: MemoryJob, run: JobRunner): Promise<void> {
    this.active++;
    job.state = "active";
    job.attemptsMade++;
    const controller = new AbortController();
    this.controllers.add(controller);
    try {
      await run(job.name, job.payload, { id: job.id, name: job.name, attempt: job.attemptsMade, attempts: job.options.attempts }, controller.signal);
      this.settle(job, "completed");
    } catch (error) {
      if (job.attemptsMade < job.options.attempts) this.later(job, backoffDelay(job.options.backoff, job.attemptsMade));
      else {
        job.failedReason = failureMessage(error);
        this.settle(job, "failed");
      }
    } finally {
      this.controllers.delete(controller);
      this.active--;
      this.pump();
    }
  }

  private settle(job: MemoryJob, state: "completed" | "failed"): void {
    job.state = state;
    this.settled.push(job.id);
    if (this.settled.length > KEPT) this.jobs.delete(this.settled.shift()!);
  }
}
