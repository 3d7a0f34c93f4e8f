import type { App } from "../app/app.js";
import { requestStorage } from "../app/async-context.js";
import { QueueUnavailable } from "../core/errors.js";
import type { RequestContext } from "../core/context.js";
import type { BackendCloseReport, FailedJob, JobState, TaskBackend } from "./backend.js";
import { BullmqBackend } from "./bullmq-backend.js";
import { JobContext, type JobInfo } from "./job-context.js";
import { MemoryBackend } from "./memory-backend.js";
import { isPayloadSchema, toJsonPayload, validatePayload } from "./payload.js";
import { checkRetry, checkTaskName, Task, type Backoff, type TaskClass, type TaskDefinition, type TaskOptions } from "./task.js";
import { resolveQueueOptions, type TaskQueueOptions } from "./task-queue-options.js";

/** Options of one `enqueue()`. */
export interface EnqueueOptions {
  /** Milliseconds before the job may run. @default 0 */
  delay?: number;
  /** Tries in all; overrides the task's. */
  attempts?: number;
  /** How retries are spaced; overrides the task's. */
  backoff?: Backoff;
  /** An id of your own: a second enqueue with the same id, while the first is kept, adds nothing. */
  jobId?: string;
  /** Lower runs first, as in BullMQ; 0 (the default) is the usual order. */
  priority?: number;
}

/** What `enqueue()` returns. */
export interface JobHandle {
  readonly id: string;
  readonly name: string;
  /** Where the job is now. */
  state(): Promise<JobState>;
}

interface Registered {
  readonly name: string;
  readonly options: TaskOptions;
  run(payload: unknown, ctx: JobContext): unknown;
}

const queues = new WeakMap<App, TaskQueue>();

/** The queue of an App, as `startWorker(app)` and `methodview worker` find it. */
export function queueOf(app: App): TaskQueue | undefined {
  return queues.get(app);
}

/**
 * Named tasks and the jobs that run them, behind one API whatever the backend: `memory`
 * (the default: in this process, drained by `app.close()`) or `bullmq` (Redis; workers in
 * any number of processes). Each job runs through the App's Dispatcher in a job context of
 * its own (a child container, `currentContext()`), and its failures reach the App's logger;
 * a job that fails all its attempts is kept, see `failed()`.
 *
 * @example
 * ```ts
 * import { App } from "methodview";
 * import { TaskQueue, defineTask } from "methodview/tasks";
 *
 * const app = new App();
 * const tasks = new TaskQueue(app);
 * const outbox: string[] = [];
 * const welcome = tasks.register(defineTask("welcome", (payload: { email: string }) => void outbox.push(payload.email)));
 * app.route("/signup", async (ctx) => {
 *   const job = await tasks.enqueue(welcome, { email: ctx.query.get("email") ?? "" });
 *   return [{ job: job.id }, 202];
 * }, { methods: ["POST"] });
 * await app.request("/signup?email=ada@example.com", { method: "POST" });
 * await app.close();
 * console.assert(outbox[0] === "ada@example.com");
 * ```
 * @see docs/tasks.md
 */
export class TaskQueue {
  readonly app: App;
  private readonly options: ReturnType<typeof resolveQueueOptions>;
  private readonly tasks = new Map<string, Registered>();
  private readonly backend: Promise<TaskBackend>;
  private opened: TaskBackend | undefined = undefined;
  private active = 0;
  private working = false;
  private closing: Promise<BackendCloseReport> | undefined = undefined;

  constructor(app: App, options: TaskQueueOptions = {}) {
    if (queues.has(app)) throw new TypeError("new TaskQueue(app): this App already has a task queue");
    this.app = app;
    this.options = resolveQueueOptions(options);
    const { backend } = this.options;
    this.backend = backend === "memory" ? Promise.resolve(new MemoryBackend()) : BullmqBackend.open(this.options.bullmq, app.logger);
    this.backend.then((b) => (this.opened = b), () => undefined);
    queues.set(app, this);
    app.onClose((remaining) => this.close(remaining()));
    // In memory, the web process is the worker; on Redis, workers start where you say.
    if (this.options.worker) void this.startWorker();
  }

  /** `"memory"` or `"bullmq"`. */
  get kind(): "memory" | "bullmq" {
    return this.options.backend;
  }

  /** Registers a task (from `defineTask()`, or a {@link Task} class); returns what `enqueue()` takes. */
  register<P>(task: TaskDefinition<P> | TaskClass<P>): TaskDefinition<P> {
    const registered = toRegistered(task);
    if (this.tasks.has(registered.name)) throw new TypeError(`tasks.register(): a task named "${registered.name}" is already registered`);
    this.tasks.set(registered.name, registered);
    return registered as TaskDefinition<P>;
  }

  /**
   * Adds a job. The payload must be JSON-serialisable (else a `TypeError`) and, where the
   * task declares a schema, valid by it. When the backend cannot take the job within
   * `enqueueTimeout`, the promise rejects with a 503 `QueueUnavailable`.
   */
  async enqueue<P>(task: TaskDefinition<P> | string, payload: P, options: EnqueueOptions = {}): Promise<JobHandle> {
    const name = typeof task === "string" ? task : task?.name;
    const registered = this.tasks.get(name);
    if (registered === undefined) throw new TypeError(`tasks.enqueue(): no task named ${JSON.stringify(name)} is registered; the tasks are ${[...this.tasks.keys()].join(", ") || "none"}`);
    const where = `tasks.enqueue("${name}")`;
    if (options === null || typeof options !== "object") throw new TypeError(`${where}: options must be an object`);
    checkRetry(options, where);
    if (options.delay !== undefined && !(Number.isFinite(options.delay) && options.delay >= 0)) throw new TypeError(`${where}: delay must be a number of milliseconds`);
    if (options.priority !== undefined && !(Number.isInteger(options.priority) && options.priority >= 0)) throw new TypeError(`${where}: priority must be a whole number`);
    if (options.jobId !== undefined && (typeof options.jobId !== "string" || options.jobId === "" || /^\d+$/.test(options.jobId))) {
      throw new TypeError(`${where}: jobId must be a non-empty string that is not only digits (those are the queue's own ids)`);
    }
    let data = toJsonPayload(payload, where);
    const schema = registered.options.schema;
    if (schema !== undefined) data = toJsonPayload(await validatePayload(schema, data, where), where);
    const jobOptions = {
      delay: options.delay ?? 0,
      attempts: options.attempts ?? registered.options.attempts ?? 1,
      backoff: options.backoff ?? registered.options.backoff ?? { type: "fixed" as const, delay: 0 },
      jobId: options.jobId,
      priority: options.priority ?? 0,
    };
    const id = await this.bounded(async () => (await this.backend).add(name, data, jobOptions));
    return { id, name, state: () => this.state(id) };
  }

  /** Where a job is, by id. */
  async state(id: string): Promise<JobState> {
    return this.bounded(async () => (await this.backend).state(id));
  }

  /** The jobs that failed all their attempts, kept for inspection. */
  async failed(): Promise<FailedJob[]> {
    return this.bounded(async () => (await this.backend).failed());
  }

  /** Starts taking jobs in this process (idempotent). `startWorker(app)` calls it. */
  async startWorker(): Promise<void> {
    if (this.working || this.closing !== undefined) return;
    this.working = true;
    const backend = await this.backend;
    await backend.startWorker((name, payload, job, signal) => this.runJob(name, payload, job, signal), this.options.concurrency);
  }

  /** Stops the workers after their active jobs (at most `timeoutMs`), then the queue. */
  close(timeoutMs = this.options.shutdownTimeout): Promise<BackendCloseReport> {
    this.closing ??= (async () => {
      const backend = this.opened ?? (await this.backend.catch(() => undefined));
      if (backend === undefined) return { pending: 0, timedOut: false };
      const report = await backend.close(timeoutMs);
      return { pending: Math.max(report.pending, this.active), timedOut: report.timedOut };
    })();
    return this.closing;
  }

  private async bounded<T>(work: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = this.options.enqueueTimeout;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new QueueUnavailable(`The task queue did not answer within ${limit} ms`)), limit);
    });
    try {
      return await Promise.race([work(), timeout]);
    } catch (error) {
      if (error instanceof QueueUnavailable || error instanceof TypeError) throw error;
      this.app.logger.error("task queue: the backend failed", error);
      throw new QueueUnavailable("The task queue is unavailable", { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  private async runJob(name: string, payload: unknown, job: JobInfo, signal: AbortSignal): Promise<unknown> {
    const task = this.tasks.get(name);
    if (task === undefined) throw new Error(`no task named "${name}" is registered in this process`);
    const ctx = new JobContext(this.app, job, payload, signal);
    this.active++;
    try {
      // The job's own context: currentContext() inside the task is the job, never a request.
      return await requestStorage.run(ctx as unknown as RequestContext, () => this.app.dispatcher.call(task.run, task, [payload, ctx]));
    } catch (error) {
      this.app.logger.error(`task "${name}" failed (job ${job.id}, attempt ${job.attempt} of ${job.attempts})`, error);
      throw error;
    } finally {
      this.active--;
    }
  }
}

function toRegistered<P>(task: TaskDefinition<P> | TaskClass<P>): Registered {
  if (typeof task === "function" && task.prototype instanceof Task) {
    const name = checkTaskName(task.taskName ?? task.name, "tasks.register(TaskClass)");
    const options = task.taskOptions ?? {};
    checkRetry(options, `tasks.register(${task.name})`);
    if (options.schema !== undefined && !isPayloadSchema(options.schema)) throw new TypeError(`tasks.register(${task.name}): taskOptions.schema must be a Standard Schema v1`);
    return {
      name,
      options,
      run(payload, ctx) {
        const instance = ctx.container.resolve(task as unknown as new () => Task<unknown>);
        return instance.run(payload, ctx);
      },
    };
  }
  const definition = task as TaskDefinition<P> | null;
  if (definition === null || typeof definition !== "object" || typeof definition.run !== "function") {
    throw new TypeError("tasks.register(task): expected defineTask(...) or a class that extends Task");
  }
  checkTaskName(definition.name, "tasks.register(task)");
  if (definition.options.schema !== undefined && !isPayloadSchema(definition.options.schema)) {
    throw new TypeError(`tasks.register("${definition.name}"): options.schema must be a Standard Schema v1`);
  }
  return definition as unknown as Registered;
}
