import "reflect-metadata";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { App } from "../../src/index.js";
import { defineTask, QueueUnavailable, TaskQueue } from "../../src/tasks/index.js";
import { silentLogger } from "../app/support.js";
import { until } from "./queue-cases.js";
import { freePort, RedisServer } from "./redis-server.js";
import { WorkerChild } from "./worker-child.js";

let redis: RedisServer;
let events: Redis;
let n = 0;
const workers: WorkerChild[] = [];
const apps: App[] = [];

beforeAll(async () => {
  redis = await RedisServer.start({ appendOnly: true });
  events = new Redis(redis.url, { maxRetriesPerRequest: null });
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.kill("SIGKILL")));
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await events.del("events");
});
afterAll(async () => {
  events?.disconnect();
  await redis?.destroy();
});

function producer(queueName: string, options: { redisUrl?: string; enqueueTimeout?: number } = {}) {
  const app = new App({ logger: silentLogger(), shutdownTimeout: 3000 });
  apps.push(app);
  const tasks = new TaskQueue(app, { backend: "bullmq", redisUrl: options.redisUrl ?? redis.url, queueName, enqueueTimeout: options.enqueueTimeout ?? 1000 });
  tasks.register(defineTask("slow", () => undefined));
  return { app, tasks };
}

const list = () => events.lrange("events", 0, -1);

describe("TaskQueue on Redis: faults", () => {
  it("fails an enqueue within enqueueTimeout when Redis is not there, as a 503 problem+json over HTTP", async () => {
    const { app, tasks } = producer(`down-${++n}`, { redisUrl: `redis://127.0.0.1:${await freePort()}`, enqueueTimeout: 500 });
    // Without the bound, an enqueue to an unreachable Redis would wait for ever (the test's timeout).
    await expect(tasks.enqueue("slow", {})).rejects.toBeInstanceOf(QueueUnavailable);
    app.route("/enqueue", async () => (await tasks.enqueue("slow", {})).id, { methods: ["POST"] });
    const server = await app.listen();
    const res = await fetch(`${server.url}/enqueue`, { method: "POST" });
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as { code: string; detail: string };
    expect(body.code).toBe("MV_QUEUE_UNAVAILABLE");
    expect(body.detail).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|redis/i);
  });

  it("hands the job of a SIGKILLed worker to another worker, which completes it", async () => {
    const queue = `takeover-${++n}`;
    const env = { REDIS_URL: redis.url, QUEUE: queue, LOCK_MS: "1000" };
    const first = await WorkerChild.start(env);
    workers.push(first);
    const { tasks } = producer(queue);
    const job = await tasks.enqueue("slow", { ms: 1500 }, { jobId: "takeover-job" });
    await until(async () => (await list()).includes(`started:${job.id}:${first.pid}`));
    await first.kill("SIGKILL");
    const second = await WorkerChild.start(env);
    workers.push(second);
    await until(async () => (await job.state()) === "completed", 20_000);
    const done = (await list()).filter((e) => e.startsWith("done:"));
    expect(done).toEqual([`done:${job.id}:${second.pid}`]);
  });

  it("finishes active jobs on SIGTERM, lets them enqueue more, and leaves the rest in Redis for the next worker", async () => {
    const queue = `graceful-${++n}`;
    const env = { REDIS_URL: redis.url, QUEUE: queue, SHUTDOWN_MS: "5000" };
    const worker = await WorkerChild.start(env);
    workers.push(worker);
    const { tasks } = producer(queue);
    const job = await tasks.enqueue("slow", { ms: 600, then: "follow-up" }, { jobId: "graceful-job" });
    await until(async () => (await list()).includes(`started:${job.id}:${worker.pid}`));
    expect(await worker.kill("SIGTERM")).toBe(0);
    expect(await job.state()).toBe("completed");
    expect(await tasks.state("follow-up")).toBe("waiting");
    const next = await WorkerChild.start(env);
    workers.push(next);
    await until(async () => (await tasks.state("follow-up")) === "completed");
  });

  it("loses no acknowledged enqueue when Redis restarts mid-run (append-only)", async () => {
    const { tasks } = producer(`restart-${++n}`, { enqueueTimeout: 300 });
    const acknowledged: string[] = [];
    let i = 0;
    const enqueue = async () => {
      try {
        acknowledged.push((await tasks.enqueue("slow", { i }, { jobId: `job-${i++}` })).id);
        return true;
      } catch (error) {
        expect(error).toBeInstanceOf(QueueUnavailable);
        return false;
      }
    };
    for (let k = 0; k < 100; k++) await enqueue();
    await redis.stop("SIGKILL");
    const restarted = redis.restart();
    let refused = 0;
    // While Redis is away every enqueue fails fast; once it is back they succeed again.
    const deadline = Date.now() + 20_000;
    while (!(await enqueue()) && Date.now() < deadline) {
      refused++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await restarted;
    for (let k = 0; k < 100; k++) await enqueue();
    const check = new Redis(redis.url);
    const prefix = `bull:${tasks["options"].bullmq.queueName}:`;
    const missing = [];
    for (const id of acknowledged) if ((await check.exists(`${prefix}${id}`)) === 0) missing.push(id);
    check.disconnect();
    expect(refused).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);
    expect(missing).toEqual([]);
  });
});
