import autocannon from "autocannon";
import { Redis } from "ioredis";
import { setTimeout as sleep } from "node:timers/promises";
import { RedisServer } from "../test/tasks/redis-server.js";
import { startServer, type Started } from "./child.js";
import { markdownTable } from "./machine.js";
import type { ServerSpec } from "./registry.js";

/** The load of the task-queue issue: 10,000 jobs from HTTP at 100 connections, 3 workers. */
export const TASK_LOAD = { jobs: 10_000, connections: 100, workers: 3, concurrency: 50 };

/** One side of the task-queue bench. */
export interface TaskBenchResult {
  readonly side: "raw" | "methodview";
  readonly jobs: number;
  readonly done: number;
  /** Jobs done more than once (none was retried, so any is a bug). */
  readonly twice: number;
  readonly non2xx: number;
  /** Enqueue time in the web process, ms. */
  readonly p50: number;
  readonly p99: number;
  /** Jobs done per second, from the first request to the last job done. */
  readonly jobsPerSecond: number;
}

const spec = (name: string, file: string, env: Record<string, string>): ServerSpec => ({ name, label: name, file, env, host: "tasks", kind: "raw", scenarios: [] });

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

async function side(which: "raw" | "methodview", o: { dir: string; core: number | undefined; node: string }): Promise<TaskBenchResult> {
  const redis = await RedisServer.start();
  const env = { SIDE: which, REDIS_URL: redis.url, QUEUE: `bench-${which}`, CONCURRENCY: String(TASK_LOAD.concurrency) };
  const started: Started[] = [];
  const client = new Redis(redis.url);
  try {
    for (let i = 0; i < TASK_LOAD.workers; i++) started.push(await startServer(spec(`worker-${i}`, "tasks-worker.ts", env), { ...o, hooks: false }));
    const web = await startServer(spec("web", "tasks-web.ts", env), { ...o, hooks: false });
    started.push(web);
    const failed = started.find((s) => s.kind !== "listening");
    if (failed !== undefined) throw new Error(`the task bench could not start: ${"reason" in failed ? failed.reason : ""}`);
    if (web.kind !== "listening") throw new Error("unreachable");
    const begin = performance.now();
    const load = await autocannon({ url: `http://127.0.0.1:${web.port}/jobs`, method: "POST", connections: TASK_LOAD.connections, amount: TASK_LOAD.jobs });
    let done = 0;
    const deadline = Date.now() + 120_000;
    while ((done = await client.hlen("done")) < TASK_LOAD.jobs && Date.now() < deadline) await sleep(50);
    const seconds = (performance.now() - begin) / 1000;
    const counts = await client.hvals("done");
    const { times } = await web.ask<{ times: number[] }>("enqueue-times");
    const sorted = [...times].sort((a, b) => a - b);
    return {
      side: which,
      jobs: TASK_LOAD.jobs,
      done,
      twice: counts.filter((c) => Number(c) > 1).length,
      non2xx: load.non2xx,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      jobsPerSecond: done / seconds,
    };
  } finally {
    client.disconnect();
    await Promise.all(started.map((s) => (s.kind === "listening" ? s.stop() : undefined)));
    await redis.destroy();
  }
}

/** Runs both sides, raw BullMQ first, each on a fresh redis-server; returns the table. */
export async function runTaskBench(o: { dir: string; core: number | undefined; node: string }): Promise<{ results: TaskBenchResult[]; table: string }> {
  const results = [await side("raw", o), await side("methodview", o)];
  const raw = results[0]!;
  const table = markdownTable(
    ["side", "jobs done", "done twice", "non-2xx", "enqueue p50 ms", "enqueue p99 ms", "jobs/s", "jobs/s: this / raw"],
    results.map((r) => [
      r.side === "raw" ? "BullMQ queue.add + Worker (raw)" : "methodview TaskQueue + startWorker",
      `${r.done} of ${r.jobs}`,
      String(r.twice),
      String(r.non2xx),
      r.p50.toFixed(2),
      r.p99.toFixed(2),
      r.jobsPerSecond.toFixed(0),
      r === raw ? "baseline" : (r.jobsPerSecond / raw.jobsPerSecond).toFixed(2),
    ]),
  );
  return { results, table };
}
