import { describe, expect, it } from "vitest";
import { App, ViewResponse, text, type RequestContext } from "../../src/index.js";
import { silentLogger } from "./support.js";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An App whose view records its run in `log`. */
function appWithLog(log: string[], view: (ctx: RequestContext) => unknown = () => "view") {
  const logger = silentLogger();
  const app = new App({ logger });
  app.route("/", (ctx) => {
    log.push("view");
    return view(ctx);
  });
  return { app, logger };
}

describe("app.beforeRequest()", () => {
  it("runs the hooks in registration order, sync and async, before the view", async () => {
    const log: string[] = [];
    const { app } = appWithLog(log);
    app.beforeRequest(() => void log.push("first"));
    app.beforeRequest(async () => {
      await tick();
      log.push("second");
    });
    app.beforeRequest(() => void log.push("third"));
    expect(await (await app.request("/")).text()).toBe("view");
    expect(log).toEqual(["first", "second", "third", "view"]);
  });

  it("answers with the first result that is not undefined; the view and later hooks do not run", async () => {
    const log: string[] = [];
    const { app } = appWithLog(log);
    app.beforeRequest(() => void log.push("passes"));
    app.beforeRequest(async () => {
      log.push("answers");
      return ["stopped here", 403];
    });
    app.beforeRequest(() => void log.push("never"));
    const response = await app.request("/");
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("stopped here");
    expect(log).toEqual(["passes", "answers"]);
  });

  it("still runs the after hooks on a response from a before hook", async () => {
    const { app } = appWithLog([]);
    app.beforeRequest(() => "early");
    app.afterRequest((response) => void response.setHeader("x-after", "ran"));
    const response = await app.request("/");
    expect(await response.text()).toBe("early");
    expect(response.headers.get("x-after")).toBe("ran");
  });

  it("gets the request context", async () => {
    const { app } = appWithLog([], (ctx) => ctx.state.user);
    app.beforeRequest((ctx) => {
      ctx.state.user = ctx.headers.get("x-user");
    });
    expect(await (await app.request("/", { headers: { "x-user": "ada" } })).text()).toBe("ada");
  });

  it("refuses a hook that is not a function", () => {
    expect(() => new App().beforeRequest("hook" as never)).toThrow(TypeError);
  });
});

describe("app.afterRequest()", () => {
  it("runs the hooks in reverse registration order, after the view, with the ViewResponse", async () => {
    const log: string[] = [];
    const seen: unknown[] = [];
    const { app } = appWithLog(log);
    app.afterRequest((response) => {
      seen.push(response);
      log.push("registered first");
    });
    app.afterRequest(async (response) => {
      await tick();
      seen.push(response);
      log.push("registered second");
    });
    await app.request("/");
    expect(log).toEqual(["view", "registered second", "registered first"]);
    expect(seen[0]).toBeInstanceOf(ViewResponse);
    expect((seen[0] as ViewResponse).body).toBe("view");
  });

  it("replaces the response with what a hook returns; undefined keeps it", async () => {
    const { app } = appWithLog([]);
    app.afterRequest((response) => {
      response.setHeader("x-seen-status", String(response.status));
    });
    app.afterRequest(async () => text("replaced", { status: 202 }));
    app.afterRequest(() => undefined);
    const response = await app.request("/");
    expect(response.status).toBe(202);
    expect(await response.text()).toBe("replaced");
    expect(response.headers.get("x-seen-status")).toBe("202");
  });

  it("turns what a hook returns into a response, as a view's result is", async () => {
    const { app } = appWithLog([]);
    app.afterRequest(() => ({ wrapped: true }));
    expect(await (await app.request("/")).json()).toEqual({ wrapped: true });
  });

  it("changes the status and headers of a Response a view returned", async () => {
    const { app } = appWithLog([], () => new Response("as built", { status: 200, headers: { "x-from": "view" } }));
    app.afterRequest((response) => {
      response.status = 202;
      response.setHeader("x-after", "ran");
    });
    const response = await app.request("/");
    expect(response.status).toBe(202);
    expect(response.headers.get("x-from")).toBe("view");
    expect(response.headers.get("x-after")).toBe("ran");
    expect(await response.text()).toBe("as built");
  });

  it("skips the remaining after hooks when one throws, and answers through the error handlers", async () => {
    const log: string[] = [];
    const { app } = appWithLog(log);
    app.afterRequest(() => void log.push("registered first"));
    app.afterRequest(() => {
      throw new Error("after hook failed");
    });
    app.errorHandler(500, () => ["recovered", 500]);
    const response = await app.request("/");
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("recovered");
    expect(log).toEqual(["view"]);
  });

  it("runs on error responses too", async () => {
    const { app } = appWithLog([]);
    app.afterRequest((response) => void response.setHeader("x-after", String(response.status)));
    expect((await app.request("/missing")).headers.get("x-after")).toBe("404");
  });
});

describe("app.teardownRequest()", () => {
  it("runs every teardown in reverse order, sync and async, after the after hooks, with no error on success", async () => {
    const log: string[] = [];
    const errors: unknown[] = [];
    const { app } = appWithLog(log);
    app.afterRequest(() => void log.push("after"));
    app.teardownRequest((error) => {
      errors.push(error);
      log.push("teardown 1");
    });
    app.teardownRequest(async (error) => {
      await tick();
      errors.push(error);
      log.push("teardown 2");
    });
    expect((await app.request("/")).status).toBe(200);
    expect(log).toEqual(["view", "after", "teardown 2", "teardown 1"]);
    expect(errors).toEqual([undefined, undefined]);
  });

  it("runs on error, with the error thrown", async () => {
    const failure = new Error("view failed");
    const { app } = appWithLog([], () => {
      throw failure;
    });
    const errors: unknown[] = [];
    app.teardownRequest((error) => void errors.push(error));
    expect((await app.request("/")).status).toBe(500);
    expect(errors).toEqual([failure]);
  });

  it("gets the context of the request", async () => {
    const { app } = appWithLog([]);
    const paths: string[] = [];
    app.teardownRequest((_error, ctx) => void paths.push(ctx.path));
    await app.request("/");
    expect(paths).toEqual(["/"]);
  });

  it("logs a teardown's throw or rejection, keeps the response and runs every other teardown", async () => {
    const log: string[] = [];
    const { app, logger } = appWithLog(log, () => ["kept", 201]);
    const thrown = new Error("sync teardown failure");
    const rejected = new Error("async teardown failure");
    app.teardownRequest(() => void log.push("teardown 1"));
    app.teardownRequest(async () => {
      log.push("teardown 2");
      throw rejected;
    });
    app.teardownRequest(() => {
      log.push("teardown 3");
      throw thrown;
    });
    const response = await app.request("/");
    expect(response.status).toBe(201);
    expect(await response.text()).toBe("kept");
    expect(log).toEqual(["view", "teardown 3", "teardown 2", "teardown 1"]);
    expect(logger.error).toHaveBeenCalledWith(expect.any(String), thrown);
    expect(logger.error).toHaveBeenCalledWith(expect.any(String), rejected);
  });
});
