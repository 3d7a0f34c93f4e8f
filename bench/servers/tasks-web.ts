import { createServer } from "node:http";
import type * as Methodview from "../../src/index.js";
import type * as NodeAdapter from "../../src/adapters/node/index.js";
import type * as Tasks from "../../src/tasks/index.js";
import { announce, HOST, importOrSkip, PORT, portOf } from "./env.js";

/**
 * The web side of the task-queue bench: `POST /jobs` enqueues one job, with methodview's
 * TaskQueue (SIDE=methodview) or BullMQ's `queue.add` by hand (SIDE=raw). Each enqueue is
 * timed in process; the harness reads the times over IPC ("enqueue-times").
 */
const side = process.env.SIDE ?? "methodview";
const url = process.env.REDIS_URL!;
const queueName = process.env.QUEUE!;
const times: number[] = [];
let n = 0;

async function timed(add: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await add();
  times.push(performance.now() - start);
}

process.on("message", (message) => {
  if (message === "enqueue-times") process.send?.({ times });
});

if (side === "raw") {
  const { Queue } = await import("bullmq");
  const queue = new Queue(queueName, { connection: { url, enableOfflineQueue: false } });
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      void timed(() => queue.add("count", { n: ++n })).then(
        () => {
          res.writeHead(202, { "content-type": "application/json" });
          res.end('{"queued":true}');
        },
        () => {
          res.writeHead(503);
          res.end();
        },
      );
    });
  });
  server.listen(PORT, HOST, () => announce(portOf(server)));
} else {
  const { App } = await importOrSkip<typeof Methodview>("methodview");
  const { toNodeListener } = await importOrSkip<typeof NodeAdapter>("methodview/node");
  const { TaskQueue, defineTask } = await importOrSkip<typeof Tasks>("methodview/tasks");
  const app = new App();
  const tasks = new TaskQueue(app, { backend: "bullmq", redisUrl: url, queueName });
  const count = tasks.register(defineTask("count", () => undefined));
  app.route("/jobs", async () => {
    await timed(() => tasks.enqueue(count, { n: ++n }));
    return [{ queued: true }, 202];
  }, { methods: ["POST"] });
  const server = createServer(toNodeListener(app));
  server.listen(PORT, HOST, () => announce(portOf(server)));
}
