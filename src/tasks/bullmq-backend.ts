import type { Job, Queue, Worker } from "bullmq";
import { failureReason, type BackendCloseReport, type FailedJob, type JobOptions, type JobRunner, type JobState, type TaskBackend } from "./backend.js";
import type { Logger } from "../app/logger.js";

/** Options of the BullMQ backend. */
export interface BullmqOptions {
  /** The Redis URL. @default process.env.REDIS_URL */
  readonly url: string;
  /** The BullMQ queue's name. @default "methodview" */
  readonly queueName: string;
  /**
   * How long a worker holds a job before another may take it over (the job's process may
   * have died), in ms: BullMQ's `lockDuration`; stalled jobs are looked for every half of it.
   * @default 30000
   */
  readonly lockDuration: number;
}

const STATES: Record<string, JobState> = {
  waiting: "waiting",
  "waiting-children": "waiting",
  prioritized: "waiting",
  delayed: "delayed",
  active: "active",
  completed: "completed",
  failed: "failed",
};

/**
 * The BullMQ backend: jobs in Redis, taken by workers in any number of processes. The
 * producer's connection does not queue commands while Redis is unreachable, so an enqueue
 * fails at once (the queue bounds it by `enqueueTimeout` besides) instead of hanging.
 */
export class BullmqBackend implements TaskBackend {
  readonly kind = "bullmq" as const;
  private worker: Worker | undefined = undefined;
  private warned = false;

  private constructor(
    private readonly queue: Queue,
    private readonly WorkerClass: typeof Worker,
    private readonly options: BullmqOptions,
    private readonly logger: Logger,
  ) {
    queue.on("error", (error) => this.connectionError(error));
  }

  /** Loads bullmq (an optional peer dependency) and opens the queue. */
  static async open(options: BullmqOptions, logger: Logger): Promise<BullmqBackend> {
    let bullmq: typeof import("bullmq");
    try {
      bullmq = await import("bullmq");
    } catch (error) {
      throw new TypeError('the "bullmq" backend needs the bullmq package: npm install bullmq ioredis', { cause: error });
    }
    const queue = new bullmq.Queue(options.queueName, {
      connection: { url: options.url, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
    });
    return new BullmqBackend(queue, bullmq.Worker, options, logger);
  }

  private connectionError(error: unknown): void {
    // ioredis reports every failed reconnect: say it once per outage, not once a second.
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(`task queue: Redis at ${redact(this.options.url)} is unreachable: ${failureReason(error)}`);
  }

  async add(name: string, payload: unknown, options: JobOptions): Promise<string> {
    const job = await this.queue.add(name, payload, {
      delay: options.delay,
      attempts: options.attempts,
      backoff: options.backoff,
      priority: options.priority || undefined,
      ...(options.jobId === undefined ? {} : { jobId: options.jobId }),
      removeOnComplete: { count: 1000 },
      removeOnFail: false,
    });
    this.warned = false;
    return job.id!;
  }

  async state(id: string): Promise<JobState> {
    const job = await this.queue.getJob(id);
    if (job === undefined) return "unknown";
    return STATES[await job.getState()] ?? "unknown";
  }

  async failed(): Promise<FailedJob[]> {
    const jobs = await this.queue.getFailed();
    return jobs.map((job: Job) => ({ id: job.id!, name: job.name, payload: job.data as unknown, attemptsMade: job.attemptsMade, failedReason: job.failedReason }));
  }

  async startWorker(run: JobRunner, concurrency: number): Promise<void> {
    if (this.worker !== undefined) return;
    const worker = new this.WorkerClass(
      this.options.queueName,
      (job: Job, _token?: string, signal?: AbortSignal) =>
        run(job.name, job.data, { id: job.id!, name: job.name, attempt: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1 }, signal ?? new AbortController().signal),
      {
        connection: { url: this.options.url, maxRetriesPerRequest: null },
        concurrency,
        autorun: false,
        lockDuration: this.options.lockDuration,
        stalledInterval: Math.max(500, Math.floor(this.options.lockDuration / 2)),
      },
    );
    worker.on("error", (error) => this.connectionError(error));
    this.worker = worker;
    await worker.waitUntilReady();
    void worker.run().catch((error: unknown) => this.logger.error("task queue: the worker stopped", error));
  }

  async close(timeoutMs: number): Promise<BackendCloseReport> {
    let timedOut = false;
    const worker = this.worker;
    if (worker !== undefined) {
      // Active jobs finish first (and may still enqueue: the queue stays open meanwhile).
      let timer: ReturnType<typeof setTimeout> | undefined;
      const graceful = worker.close().then(() => true);
      const limit = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, timeoutMs, false)));
      timedOut = !(await Promise.race([graceful, limit]));
      clearTimeout(timer);
      if (timedOut) await worker.close(true).catch(() => undefined);
    }
    await this.queue.close().catch(() => undefined);
    return { pending: 0, timedOut };
  }
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}
