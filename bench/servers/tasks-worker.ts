import type * as Methodview from "../../src/index.js";
import type * as Tasks from "../../src/tasks/index.js";
import { announce, importOrSkip } from "./env.js";

/**
 * A worker of the task-queue bench: takes the "count" jobs and adds one to the job's entry
 * of the Redis hash "done" (so a job done twice shows). methodview's `startWorker`
 * (SIDE=methodview) or a BullMQ `Worker` by hand (SIDE=raw).
 */
const side = process.env.SIDE ?? "methodview";
const url = process.env.REDIS_URL!;
const queueName = process.env.QUEUE!;
const concurrency = Number(process.env.CONCURRENCY ?? 50);
const { Redis } = await import("ioredis");
const redis = new Redis(url, { maxRetriesPerRequest: null });
const done = (id: string) => redis.hincrby("done", id, 1);

if (side === "raw") {
  const { Worker } = await import("bullmq");
  const worker = new Worker(queueName, async (job) => void (await done(job.id!)), { connection: { url, maxRetriesPerRequest: null }, concurrency });
  await worker.waitUntilReady();
} else {
  const { App } = await importOrSkip<typeof Methodview>("methodview");
  const { TaskQueue, defineTask, startWorker } = await importOrSkip<typeof Tasks>("methodview/tasks");
  const app = new App();
  const tasks = new TaskQueue(app, { backend: "bullmq", redisUrl: url, queueName, concurrency });
  tasks.register(defineTask("count", async (_payload: unknown, ctx) => void (await done(ctx.job.id))));
  await startWorker(app);
}
announce(0);
