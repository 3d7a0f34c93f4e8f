import type { DependencyContainer, InjectionToken } from "tsyringe";
import type { App } from "../app/app.js";

/** What a job is: its id, its task, which attempt this is. */
export interface JobInfo {
  readonly id: string;
  readonly name: string;
  /** 1 for the first try. */
  readonly attempt: number;
  /** How many tries the job has in all. */
  readonly attempts: number;
}

/**
 * The injection token of the current {@link JobContext}, registered in every job's container.
 */
export const JOB_CONTEXT: InjectionToken<JobContext> = Symbol.for("methodview.job-context");

/**
 * One attempt of one job, as its task sees it: the job, its payload, a container of its own
 * (a child of the App's, made on first read), `state` for the task's own data, and a signal
 * aborted when the worker shuts down past `shutdownTimeout`. Inside a task,
 * `currentContext<JobContext>()` returns it.
 *
 * @example
 * ```ts
 * import { App, currentContext } from "methodview";
 * import { TaskQueue, defineTask, type JobContext } from "methodview/tasks";
 *
 * const app = new App();
 * const tasks = new TaskQueue(app);
 * const seen: string[] = [];
 * tasks.register(defineTask("note", () => void seen.push(currentContext<JobContext>().job.id)));
 * await tasks.enqueue("note", {}, { jobId: "job-1" });
 * await app.close();
 * console.assert(seen[0] === "job-1");
 * ```
 */
export class JobContext<P = unknown> {
  /** A per-job object for the task's own data, as `ctx.state` is per request. */
  readonly state: Record<string, unknown> = {};
  private containerCache: DependencyContainer | undefined = undefined;

  constructor(
    readonly app: App,
    readonly job: JobInfo,
    readonly payload: P,
    readonly signal: AbortSignal,
  ) {}

  /** A child container of the App's, made on first read, with {@link JOB_CONTEXT} registered. */
  get container(): DependencyContainer {
    if (this.containerCache === undefined) {
      this.containerCache = this.app.container.createChildContainer();
      this.containerCache.register(JOB_CONTEXT, { useValue: this as JobContext });
    }
    return this.containerCache;
  }

  /** Tracks work that outlives the job's attempt; its failure is reported, never unhandled. */
  waitUntil(work: PromiseLike<unknown>): void {
    this.app.track(work, undefined);
  }
}
