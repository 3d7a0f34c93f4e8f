import type { Backoff } from "./task.js";
import type { JobInfo } from "./job-context.js";

/** Where a job is. */
export type JobState = "waiting" | "delayed" | "active" | "completed" | "failed" | "unknown";

/** A job as a backend stores it. */
export interface JobOptions {
  readonly delay: number;
  readonly attempts: number;
  readonly backoff: Backoff;
  readonly jobId: string | undefined;
  readonly priority: number;
}

/** A job that failed all its attempts, kept for inspection. */
export interface FailedJob {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
  readonly attemptsMade: number;
  readonly failedReason: string;
}

/** Runs one attempt of a job; rejects when the attempt failed. */
export type JobRunner = (name: string, payload: unknown, job: JobInfo, signal: AbortSignal) => Promise<unknown>;

/** What `close()` of a backend reports. */
export interface BackendCloseReport {
  /** Jobs still running (or, in memory, still queued) when the time ran out. */
  readonly pending: number;
  readonly timedOut: boolean;
}

/** A queue's storage and workers: in memory, or BullMQ on Redis. */
export interface TaskBackend {
  readonly kind: "memory" | "bullmq";
  add(name: string, payload: unknown, options: JobOptions): Promise<string>;
  state(id: string): Promise<JobState>;
  failed(): Promise<FailedJob[]>;
  startWorker(run: JobRunner, concurrency: number): Promise<void>;
  close(timeoutMs: number): Promise<BackendCloseReport>;
}

/** The delay before retry number `retry` (1 for the first retry). */
export function backoffDelay(backoff: Backoff, retry: number): number {
  return backoff.type === "fixed" ? backoff.delay : backoff.delay * 2 ** (retry - 1);
}

/** A failure's message, as BullMQ keeps it (`failedReason`). */
export function failureMessage(error: unknown): string {
  try {
    return error instanceof Error ? error.message : `a throw of ${typeof error}`;
  } catch {
    return "an error that cannot be described";
  }
}

/** A failure as one line for logs, without a stack. */
export function failureReason(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : `a throw of ${typeof error}`;
  } catch {
    return "an error that cannot be described";
  }
}
