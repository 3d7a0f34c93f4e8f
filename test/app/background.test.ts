import { describe, expect, it, vi } from "vitest";
import { App, currentContext, type RequestContext } from "../../src/index.js";
import { deferred, servers, silentLogger, sleep } from "./support.js";

const serve = servers();

describe("app.addBackgroundTask()", () => {
  it("runs fn with its arguments after the response, even when the handler awaits after adding it", async () => {
    const app = new App();
    const events: string[] = [];
    app.route("/", async () => {
      app.addBackgroundTask((to: string, subject: string) => void events.push(`task: mail ${to} "${subject}"`), "ada@example.com", "welcome");
      await sleep(5);
      events.push("handler returns");
      return "ok";
    });
    const response = await app.request("/");
    events.push(`response ${response.status}`);
    await app.close();
    expect(events).toEqual(["handler returns", "response 200", 'task: mail ada@example.com "welcome"']);
  });

  it("runs in the context of the request that started it", async () => {
    const app = new App();
    const seen: string[] = [];
    app.route("/users/:id", () => {
      app.addBackgroundTask(async () => {
        await sleep(1);
        const ctx = currentContext();
        seen.push(`${ctx.params.id} ${ctx.headers.get("x-request-id")}`);
      });
      return "ok";
    });
    await Promise.all([
      app.request("/users/1", { headers: { "x-request-id": "a" } }),
      app.request("/users/2", { headers: { "x-request-id": "b" } }),
    ]);
    await app.close();
    expect(seen.sort()).toEqual(["1 a", "2 b"]);
  });

  it("sends a sync throw and a rejection to onBackgroundError with the request's context", async () => {
    const reports: [unknown, RequestContext | undefined][] = [];
    const app = new App({ onBackgroundError: (error, ctx) => void reports.push([error, ctx]) });
    const thrown = new Error("sync task failure");
    const rejected = new Error("async task failure");
    let requestCtx: RequestContext | undefined;
    app.route("/", (ctx) => {
      requestCtx = ctx;
      app.addBackgroundTask(() => {
        throw thrown;
      });
      app.addBackgroundTask(async () => {
        throw rejected;
      });
      return "ok";
    });
    expect((await app.request("/")).status).toBe(200);
    await app.close();
    expect(reports).toHaveLength(2);
    expect(reports.map(([error]) => error)).toEqual(expect.arrayContaining([thrown, rejected]));
    for (const [, ctx] of reports) expect(ctx).toBe(requestCtx);
  });

  it("logs failures without onBackgroundError, and never leaves an unhandled rejection", async () => {
    const logger = silentLogger();
    const app = new App({ logger });
    const failure = new Error("nobody listens");
    app.route("/", () => {
      app.addBackgroundTask(() => Promise.reject(failure));
      return "ok";
    });
    await app.request("/");
    await app.close();
    expect(logger.error).toHaveBeenCalledWith(expect.any(String), failure);
  });

  it("logs a failure of onBackgroundError itself", async () => {
    const logger = silentLogger();
    const secondary = new Error("the reporter broke");
    const app = new App({
      logger,
      onBackgroundError: () => {
        throw secondary;
      },
    });
    app.route("/", () => {
      app.addBackgroundTask(() => {
        throw new Error("task failure");
      });
      return "ok";
    });
    await app.request("/");
    await app.close();
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining("onBackgroundError"), secondary);
  });

  it("refuses a task that is not a function", () => {
    expect(() => new App().addBackgroundTask("task" as never)).toThrow(TypeError);
  });
});

describe("ctx.waitUntil()", () => {
  it("tracks the work: close() waits for it", async () => {
    const app = new App();
    const done = vi.fn();
    app.route("/", (ctx) => {
      ctx.waitUntil(sleep(10).then(done));
      return "ok";
    });
    await app.request("/");
    expect(done).not.toHaveBeenCalled();
    expect(await app.close()).toMatchObject({ requests: { pending: 0 }, background: { completed: 1, pending: 0, timedOut: false } });
    expect(done).toHaveBeenCalledOnce();
  });

  it("runs in the request's context and reports its rejection with the context", async () => {
    const onBackgroundError = vi.fn();
    const app = new App({ onBackgroundError });
    const seen: string[] = [];
    app.route("/where", (ctx) => {
      ctx.waitUntil(
        (async () => {
          await sleep(1);
          seen.push(currentContext().path);
          throw new Error("late");
        })(),
      );
      return "ok";
    });
    await app.request("/where");
    await app.close();
    expect(seen).toEqual(["/where"]);
    expect(onBackgroundError).toHaveBeenCalledWith(expect.objectContaining({ message: "late" }), expect.objectContaining({ path: "/where" }));
  });

  it("refuses something that is not a promise", async () => {
    const app = new App({ logger: silentLogger() });
    app.route("/", (ctx) => {
      try {
        ctx.waitUntil("soon" as never);
        return "accepted";
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(await (await app.request("/")).text()).toBe("TypeError");
  });
});

describe("app.close()", () => {
  it("reports nothing to wait for on an idle App, and the same report when called twice", async () => {
    const app = new App();
    const first = app.close();
    expect(app.closing).toBe(true);
    expect(app.close()).toBe(first);
    expect(await first).toMatchObject({ requests: { pending: 0 }, background: { completed: 0, pending: 0, timedOut: false } });
  });

  it("waits for background work up to shutdownTimeout, then reports what is pending and warns", async () => {
    const logger = silentLogger();
    const app = new App({ shutdownTimeout: 50, logger });
    app.route("/", (ctx) => {
      ctx.waitUntil(new Promise(() => undefined));
      ctx.waitUntil(sleep(1));
      app.addBackgroundTask(() => undefined);
      return "ok";
    });
    await app.request("/");
    expect(await app.close()).toMatchObject({ requests: { pending: 0 }, background: { completed: 2, pending: 1, timedOut: true } });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining("1 background task(s)"));
  });

  it("lets an in-flight request finish, then the server stops accepting", async () => {
    const app = new App();
    const release = deferred();
    const started = deferred();
    app.route("/slow", async () => {
      started.resolve();
      await release.promise;
      return "finished";
    });
    const server = await serve.listen(app);
    const inFlight = fetch(`${server.url}/slow`);
    await started.promise;
    let closed = false;
    const closing = server.close().then((report) => {
      closed = true;
      return report;
    });
    await sleep(20);
    expect(closed).toBe(false);
    release.resolve();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("finished");
    expect(await closing).toMatchObject({ requests: { pending: 0 }, background: { completed: 0, pending: 0, timedOut: false } });
    expect(closed).toBe(true);
    await expect(fetch(`${server.url}/slow`)).rejects.toThrow();
  });

  it("waits for work started by a request that was in flight when it was called", async () => {
    const app = new App();
    const release = deferred();
    const finished = vi.fn();
    app.route("/", async () => {
      await release.promise;
      app.addBackgroundTask(async () => {
        await sleep(5);
        finished();
      });
      return "ok";
    });
    const response = app.request("/");
    const closing = app.close();
    release.resolve();
    await response;
    expect(await closing).toMatchObject({ requests: { pending: 0 }, background: { completed: 1, pending: 0, timedOut: false } });
    expect(finished).toHaveBeenCalledOnce();
  });
});
