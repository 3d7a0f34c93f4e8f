import "reflect-metadata";
import { inject, injectable } from "tsyringe";
import { afterEach, describe, expect, it } from "vitest";
import { App, currentContext } from "../../src/index.js";
import { defineTask, JOB_CONTEXT, JobContext, Task, TaskQueue, type TaskQueueOptions } from "../../src/tasks/index.js";
import { silentLogger, sleep } from "../app/support.js";

/** Waits until `check()` is true, polling; fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("the condition did not hold in time");
    await sleep(20);
  }
}

/** A Standard Schema v1 written by hand: `{ email: string }`, with the email lower-cased. */
export const EmailPayload = {
  "~standard": {
    version: 1 as const,
    vendor: "test",
    validate(value: unknown) {
      const email = (value as { email?: unknown } | null)?.email;
      if (typeof email !== "string" || !email.includes("@")) return { issues: [{ message: "an email address", path: ["email"] }] };
      return { value: { email: email.toLowerCase() } };
    },
  },
};

/**
 * One list of cases for every backend: what a task queue does is the same in memory and on
 * Redis. `options()` gives each test's queue options (a fresh queue name on Redis).
 */
export function runQueueCases(backend: string, options: () => TaskQueueOptions): void {
  describe(`TaskQueue (${backend})`, () => {
    const apps: App[] = [];
    const make = (extra: TaskQueueOptions = {}) => {
      const logger = silentLogger();
      const app = new App({ logger, shutdownTimeout: 5000 });
      apps.push(app);
      const tasks = new TaskQueue(app, { ...options(), worker: true, ...extra });
      return { app, tasks, logger };
    };
    afterEach(async () => {
      await Promise.all(apps.splice(0).map((app) => app.close()));
    });

    it("runs a job enqueued from a handler, over HTTP, after the response", async () => {
      const { app, tasks } = make();
      const outbox: string[] = [];
      const welcome = tasks.register(defineTask("welcome", (payload: { email: string }) => void outbox.push(payload.email)));
      app.route("/signup", async (ctx) => [{ job: (await tasks.enqueue(welcome, { email: ctx.query.get("email")! })).id }, 202], { methods: ["POST"] });
      const server = await app.listen();
      const res = await fetch(`${server.url}/signup?email=ada@example.com`, { method: "POST" });
      expect(res.status).toBe(202);
      const { job } = (await res.json()) as { job: string };
      await until(async () => (await tasks.state(job)) === "completed");
      expect(outbox).toEqual(["ada@example.com"]);
    });

    it("gives each job its own context: currentContext() is the job, never the request that enqueued it", async () => {
      const { app, tasks } = make();
      const seen: unknown[] = [];
      tasks.register(
        defineTask("who", () => {
          const ctx = currentContext<JobContext>();
          seen.push([ctx instanceof JobContext, ctx.job.name, (ctx as unknown as { path?: string }).path]);
        }),
      );
      app.route("/go", async () => (await tasks.enqueue("who", {}, { jobId: "who-1" })).id);
      await app.request("/go");
      await until(async () => (await tasks.state("who-1")) === "completed");
      expect(seen).toEqual([[true, "who", undefined]]);
    });

    it("builds class tasks from a job-scoped child container", async () => {
      const { app, tasks } = make();
      @injectable()
      class JobLabel {
        constructor(@inject(JOB_CONTEXT) private readonly ctx: JobContext) {}
        get label() {
          return `${this.ctx.job.name}#${this.ctx.job.id}`;
        }
      }
      const labels: string[] = [];
      @injectable()
      class Labelled extends Task<{ n: number }> {
        static override readonly taskName = "labelled";
        constructor(private readonly label: JobLabel) {
          super();
        }
        run(payload: { n: number }) {
          labels.push(`${this.label.label}:${payload.n}`);
        }
      }
      tasks.register(Labelled);
      await tasks.enqueue("labelled", { n: 1 }, { jobId: "l-1" });
      await tasks.enqueue("labelled", { n: 2 }, { jobId: "l-2" });
      await until(async () => (await tasks.state("l-2")) === "completed" && (await tasks.state("l-1")) === "completed");
      expect(labels.sort()).toEqual(["labelled#l-1:1", "labelled#l-2:2"]);
      void app;
    });

    it("retries with backoff, reports each failure to the App's logger, and keeps a job that failed every attempt", async () => {
      const { tasks, logger } = make();
      let tries = 0;
      tasks.register(
        defineTask("flaky", () => {
          tries++;
          throw new Error("smtp down");
        }, { attempts: 3, backoff: { type: "exponential", delay: 10 } }),
      );
      const job = await tasks.enqueue("flaky", { to: "x" });
      await until(async () => (await job.state()) === "failed");
      expect(tries).toBe(3);
      const failed = await tasks.failed();
      expect(failed.map((f) => [f.id, f.name, f.attemptsMade, f.failedReason, f.payload])).toEqual([[job.id, "flaky", 3, "smtp down", { to: "x" }]]);
      expect(logger.error.mock.calls.filter(([message]) => String(message).includes('task "flaky" failed'))).toHaveLength(3);
    });

    it("adds nothing for a second enqueue with the same jobId", async () => {
      const { tasks } = make();
      let runs = 0;
      tasks.register(defineTask("once", () => void runs++));
      const a = await tasks.enqueue("once", {}, { jobId: "signup-42" });
      const b = await tasks.enqueue("once", {}, { jobId: "signup-42" });
      expect(b.id).toBe(a.id);
      await until(async () => (await a.state()) === "completed");
      await sleep(100);
      expect(runs).toBe(1);
    });

    it("runs a delayed job after its delay, and by priority among waiting jobs", async () => {
      const { tasks } = make({ worker: false });
      const order: string[] = [];
      tasks.register(defineTask("log", (p: { label: string }) => void order.push(p.label)));
      const delayed = await tasks.enqueue("log", { label: "late" }, { delay: 300 });
      expect(await delayed.state()).toBe("delayed");
      await tasks.enqueue("log", { label: "low" }, { priority: 5 });
      await tasks.enqueue("log", { label: "high" }, { priority: 1 });
      await tasks.startWorker();
      await until(async () => (await delayed.state()) === "completed");
      expect(order).toEqual(["high", "low", "late"]);
    });

    it("refuses at enqueue a payload that is not JSON or not valid by the task's schema, naming what is wrong", async () => {
      const { tasks } = make();
      tasks.register(defineTask("mail", (p: { email: string }) => p.email, { schema: EmailPayload }));
      await expect(tasks.enqueue("mail", { email: "a@b", when: new Date() } as never)).rejects.toThrow(/JSON-serialisable; payload\.when is an instance of Date/);
      await expect(tasks.enqueue("mail", { email: "a@b", n: 1n } as never)).rejects.toThrow(/payload\.n is a bigint/);
      const cycle: Record<string, unknown> = { email: "a@b" };
      cycle.self = cycle;
      await expect(tasks.enqueue("mail", cycle as never)).rejects.toThrow(/circular/);
      await expect(tasks.enqueue("mail", { email: "secret-token" })).rejects.toThrow(/\/email: an email address/);
      await expect(tasks.enqueue("mail", { email: "secret-token" })).rejects.not.toThrow(/secret-token/);
      await expect(tasks.enqueue("nope", {})).rejects.toThrow(/no task named "nope"/);
      await expect(tasks.enqueue("mail", { email: "a@b" }, { attempts: 0 })).rejects.toThrow(TypeError);
    });

    it("passes the schema's output to the task", async () => {
      const { tasks } = make();
      const got: string[] = [];
      tasks.register(defineTask("mail2", (p: { email: string }) => void got.push(p.email), { schema: EmailPayload }));
      const job = await tasks.enqueue("mail2", { email: "ADA@Example.com" });
      await until(async () => (await job.state()) === "completed");
      expect(got).toEqual(["ada@example.com"]);
    });

    it("lets a job enqueue more work while the App closes, and app.close() waits for both", async () => {
      const { app, tasks } = make();
      const done: string[] = [];
      tasks.register(defineTask("second", () => void done.push("second")));
      tasks.register(
        defineTask("first", async () => {
          await sleep(200);
          await tasks.enqueue("second", {}, { jobId: "second-1" });
          done.push("first");
        }),
      );
      await tasks.enqueue("first", {});
      await until(() => true);
      await sleep(50);
      await app.close();
      if (tasks.kind === "memory") expect(done).toEqual(["first", "second"]);
      else expect(done[0]).toBe("first");
    });
  });
}
