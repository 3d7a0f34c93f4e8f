import type { JobContext } from "./job-context.js";
import type { PayloadSchema } from "./payload.js";

/** How a failed attempt is retried: after a fixed delay, or one that doubles each time. */
export interface Backoff {
  readonly type: "fixed" | "exponential";
  /** Milliseconds before the first retry. */
  readonly delay: number;
}

/** Options a task declares; `enqueue()` options override `attempts` and `backoff` per job. */
export interface TaskOptions<P = unknown> {
  /** A Standard Schema v1 the payload is validated by at enqueue; the task receives its output. */
  readonly schema?: PayloadSchema<P>;
  /** How many times a job is tried before it is kept as failed. @default 1 */
  readonly attempts?: number;
  /** How retries are spaced. @default { type: "fixed", delay: 0 } */
  readonly backoff?: Backoff;
}

/** What runs a job: a function, or a method of a class built through the container. */
export type TaskFunction<P> = (payload: P, ctx: JobContext<P>) => unknown;

/** A named task, as `defineTask()` returns it and `tasks.enqueue()` takes it. */
export interface TaskDefinition<P = unknown> {
  readonly name: string;
  readonly options: TaskOptions<P>;
  /** Runs one attempt of a job. */
  run(payload: P, ctx: JobContext<P>): unknown;
}

/**
 * A task written as a class: built for every job from the job's container (so its
 * constructor may take dependencies, as a view's does), then `run(payload, ctx)` is called.
 *
 * @example
 * ```ts
 * import { Task, type JobContext } from "methodview/tasks";
 *
 * class SendWelcome extends Task<{ email: string }> {
 *   static override readonly taskName = "send-welcome";
 *   run(payload: { email: string }, ctx: JobContext<{ email: string }>) {
 *     return `welcome ${payload.email} (job ${ctx.job.id})`;
 *   }
 * }
 * ```
 */
export abstract class Task<P = unknown> {
  /** The task's name, unique in a queue. @default the class name */
  static readonly taskName: string | undefined = undefined;
  /** The task's options. @default {} */
  static readonly taskOptions: TaskOptions = {};
  abstract run(payload: P, ctx: JobContext<P>): unknown;
}

/** A class that extends {@link Task}. */
export type TaskClass<P = unknown> = (abstract new (...args: never[]) => Task<P>) & { readonly taskName?: string; readonly taskOptions?: TaskOptions };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** Checks a task name at definition time. */
export function checkTaskName(name: unknown, where: string): string {
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new TypeError(`${where}: a task name is 1-200 letters, digits, ".", "_", ":" or "-", starting with a letter or digit; got ${JSON.stringify(name)}`);
  }
  return name;
}

/** Checks attempts and backoff, wherever they are given. */
export function checkRetry(options: { attempts?: unknown; backoff?: unknown }, where: string): void {
  const { attempts, backoff } = options;
  if (attempts !== undefined && (!Number.isInteger(attempts) || (attempts as number) < 1)) {
    throw new TypeError(`${where}: attempts must be a whole number of at least 1, got ${String(attempts)}`);
  }
  if (backoff !== undefined) {
    const b = backoff as Partial<Backoff> | null;
    if (b === null || typeof b !== "object" || (b.type !== "fixed" && b.type !== "exponential") || !(Number.isFinite(b.delay) && (b.delay as number) >= 0)) {
      throw new TypeError(`${where}: backoff must be { type: "fixed" | "exponential", delay: milliseconds }`);
    }
  }
}

/**
 * Declares a task from a function.
 *
 * @example
 * ```ts
 * import { defineTask } from "methodview/tasks";
 *
 * export const sendWelcome = defineTask("send-welcome", async (payload: { email: string }) => {
 *   console.log(`welcome, ${payload.email}`);
 * }, { attempts: 3, backoff: { type: "exponential", delay: 100 } });
 * ```
 */
export function defineTask<P>(name: string, run: TaskFunction<P>, options: TaskOptions<P> = {}): TaskDefinition<P> {
  checkTaskName(name, "defineTask(name)");
  if (typeof run !== "function") throw new TypeError(`defineTask("${name}", run): run must be a function, got ${typeof run}`);
  if (options === null || typeof options !== "object") throw new TypeError(`defineTask("${name}", run, options): options must be an object`);
  checkRetry(options, `defineTask("${name}")`);
  return Object.freeze({ name, options, run: (payload: P, ctx: JobContext<P>) => run(payload, ctx) });
}
