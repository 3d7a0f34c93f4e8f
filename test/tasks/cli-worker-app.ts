import "reflect-metadata";
import { Redis } from "ioredis";
import { App } from "../../src/index.js";
import { defineTask, TaskQueue } from "../../src/tasks/index.js";

/** An App module as `methodview worker` loads it: the queue on Redis, the tasks registered. */
const url = process.env.REDIS_URL!;
const marks = new Redis(url, { maxRetriesPerRequest: null });
export const app = new App();
app.onClose(() => marks.quit());
const tasks = new TaskQueue(app, { backend: "bullmq", redisUrl: url, queueName: process.env.QUEUE! });
tasks.register(defineTask("mark", async (payload: { key: string }) => void (await marks.set(payload.key, String(process.pid)))));
