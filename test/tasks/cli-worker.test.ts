import "reflect-metadata";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App } from "../../src/index.js";
import { defineTask, TaskQueue } from "../../src/tasks/index.js";
import { until } from "./queue-cases.js";
import { RedisServer } from "./redis-server.js";

const cli = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const module = fileURLToPath(new URL("./cli-worker-app.ts", import.meta.url));
let redis: RedisServer;
beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.destroy();
});

describe("methodview worker <module>", () => {
  it("takes the module's jobs from Redis until SIGTERM, then exits 0", async () => {
    const env = { ...process.env, REDIS_URL: redis.url, QUEUE: "cli" };
    const child = spawn(process.execPath, ["--import", "@swc-node/register/esm-register", cli, "worker", module], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    try {
      await until(() => out.includes("taking jobs"), 30_000);
      const app = new App();
      const tasks = new TaskQueue(app, { backend: "bullmq", redisUrl: redis.url, queueName: "cli" });
      tasks.register(defineTask("mark", () => undefined));
      await tasks.enqueue("mark", { key: "marked" });
      const check = new Redis(redis.url);
      await until(async () => (await check.get("marked")) === String(child.pid));
      check.disconnect();
      await app.close();
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      expect((await exited)[0], out).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});
