import type { BullmqOptions } from "./bullmq-backend.js";

/** Options of `new TaskQueue(app, options)`. */
export interface TaskQueueOptions {
  /** Where jobs live: in this process, or BullMQ on Redis. @default "memory" */
  backend?: "memory" | "bullmq";
  /** The Redis URL of the `bullmq` backend. @default process.env.REDIS_URL */
  redisUrl?: string;
  /** The BullMQ queue's name. @default "methodview" */
  queueName?: string;
  /** Jobs one process runs at once. @default 1 */
  concurrency?: number;
  /**
   * Whether this process takes jobs as soon as the queue is made. A web process on Redis
   * usually runs none: start workers with `startWorker(app)` or `methodview worker`.
   * @default true for "memory", false for "bullmq"
   */
  worker?: boolean;
  /** The longest an enqueue (or a state lookup) waits for the backend, in ms; then a 503. @default 2000 */
  enqueueTimeout?: number;
  /** How long `close()` waits for active jobs, in ms. @default 5000, or what `app.close()` has left */
  shutdownTimeout?: number;
  /** BullMQ's `lockDuration`: how soon a job whose worker died is taken over, in ms. @default 30000 */
  lockDuration?: number;
}

const KNOWN = ["backend", "redisUrl", "queueName", "concurrency", "worker", "enqueueTimeout", "shutdownTimeout", "lockDuration"];

function positive(value: unknown, name: string): void {
  if (value !== undefined && !(Number.isFinite(value) && (value as number) > 0)) {
    throw new TypeError(`new TaskQueue(app, { ${name} }): expected a positive number, got ${String(value)}`);
  }
}

/** Validates the options (unknown ones are a TypeError) and fills in the defaults. */
export function resolveQueueOptions(options: TaskQueueOptions) {
  if (options === null || typeof options !== "object") throw new TypeError("new TaskQueue(app, options): options must be an object");
  for (const key of Object.keys(options)) {
    if (!KNOWN.includes(key)) throw new TypeError(`new TaskQueue(app, options): unknown option "${key}"; the options are ${KNOWN.join(", ")}`);
  }
  const backend = options.backend ?? "memory";
  if (backend !== "memory" && backend !== "bullmq") throw new TypeError(`new TaskQueue(app, { backend }): expected "memory" or "bullmq", got ${JSON.stringify(backend)}`);
  positive(options.enqueueTimeout, "enqueueTimeout");
  positive(options.shutdownTimeout, "shutdownTimeout");
  positive(options.lockDuration, "lockDuration");
  if (options.concurrency !== undefined && !(Number.isInteger(options.concurrency) && options.concurrency >= 1)) {
    throw new TypeError(`new TaskQueue(app, { concurrency }): expected a whole number of at least 1, got ${String(options.concurrency)}`);
  }
  const url = options.redisUrl ?? process.env.REDIS_URL;
  if (backend === "bullmq" && (typeof url !== "string" || !/^rediss?:\/\//.test(url))) {
    throw new TypeError("new TaskQueue(app, { backend: \"bullmq\" }): give redisUrl (redis://host:port) or set REDIS_URL");
  }
  const bullmq: BullmqOptions = { url: url ?? "", queueName: options.queueName ?? "methodview", lockDuration: options.lockDuration ?? 30_000 };
  return {
    backend,
    bullmq,
    concurrency: options.concurrency ?? 1,
    worker: options.worker ?? backend === "memory",
    enqueueTimeout: options.enqueueTimeout ?? 2000,
    shutdownTimeout: options.shutdownTimeout ?? 5000,
  };
}
