import "reflect-metadata";
import { Redis } from "ioredis";
import { App } from "../../src/index.js";
import { defineTask, startWorker, TaskQueue } from "../../src/tasks/index.js";

/**
 * A worker process for the fault tests: REDIS_URL, QUEUE and LOCK_MS from the environment.
 * Each job records `started:<id>:<pid>` and `done:<id>:<pid>` in the Redis list "events".
 */
const url = process.env.REDIS_URL!;
const events = new Redis(url, { maxRetriesPerRequest: null });
const app = new App({ shutdownTimeout: Number(process.env.SHUTDOWN_MS ?? 5000) });
// Closed after the queue (close hooks run in reverse order): the jobs still write to it.
app.onClose(() => events.quit());
const tasks = new TaskQueue(app, { backend: "bullmq", redisUrl: url, queueName: process.env.QUEUE!, lockDuration: Number(process.env.LOCK_MS ?? 30000), concurrency: 4 });
const record = (what: string, id: string) => events.rpush("events", `${what}:${id}:${process.pid}`);

tasks.register(
  defineTask("slow", async (payload: { ms: number; then?: string }, ctx) => {
    await record("started", ctx.job.id);
    await new Promise((resolve) => setTimeout(resolve, payload.ms));
    if (payload.then !== undefined) await tasks.enqueue("slow", { ms: 0 }, { jobId: payload.then });
    await record("done", ctx.job.id);
  }),
);
await startWorker(app);
console.log("ready");
