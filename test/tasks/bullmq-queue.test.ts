import { afterAll, beforeAll } from "vitest";
import { runQueueCases } from "./queue-cases.js";
import { RedisServer } from "./redis-server.js";

let redis: RedisServer;
let n = 0;
beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.destroy();
});

runQueueCases("bullmq", () => ({ backend: "bullmq", redisUrl: redis.url, queueName: `cases-${process.pid}-${++n}` }));
