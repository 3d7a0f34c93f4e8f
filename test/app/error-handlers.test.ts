import { describe, expect, it } from "vitest";
import { App, Forbidden, HttpError, NotFound, json, type RequestContext } from "../../src/index.js";
import { silentLogger } from "./support.js";

class DomainError extends Error {}
class MissingRecord extends DomainError {}
class MissingUser extends MissingRecord {}

function throwing(error: unknown) {
  const logger = silentLogger();
  const app = new App({ logger });
  app.route("/", () => {
    throw error;
  });
  app.route("/async", async () => {
    await Promise.resolve();
    throw error;
  });
  return { app, logger };
}

describe("app.errorHandler()", () => {
  it("answers with a status handler's result, given the error and the context", async () => {
    const app = new App();
    app.errorHandler(404, (error: HttpError, ctx: RequestContext) => [{ missing: ctx.path, status: error.status }, 404]);
    const response = await app.request("/nowhere");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ missing: "/nowhere", status: 404 });
  });

  it("handles errors thrown by sync and async views with sync and async handlers", async () => {
    const { app } = throwing(new Forbidden("no entry"));
    app.errorHandler(Forbidden, async (error) => {
      await Promise.resolve();
      return [`handled: ${error.message}`, 403];
    });
    for (const path of ["/", "/async"]) {
      const response = await app.request(path);
      expect(response.status).toBe(403);
      expect(await response.text()).toBe("handled: no entry");
    }
  });

  it("prefers the nearest class on the prototype chain", async () => {
    const { app } = throwing(new MissingUser("user 7"));
    app.errorHandler(Error, () => "Error");
    app.errorHandler(DomainError, () => "DomainError");
    app.errorHandler(MissingRecord, () => "MissingRecord");
    expect(await (await app.request("/")).text()).toBe("MissingRecord");
    app.errorHandler(MissingUser, () => "MissingUser");
    expect(await (await app.request("/")).text()).toBe("MissingUser");
  });

  it("falls back to a handler for a base class", async () => {
    const { app } = throwing(new MissingUser());
    app.errorHandler(DomainError, (error) => ({ handledAs: "DomainError", name: error.constructor.name }));
    expect(await (await app.request("/")).json()).toEqual({ handledAs: "DomainError", name: "MissingUser" });
  });

  it("prefers a status handler to a class handler for an HttpError", async () => {
    const { app } = throwing(new NotFound());
    app.errorHandler(NotFound, () => "by class");
    app.errorHandler(HttpError, () => "by base class");
    expect(await (await app.request("/")).text()).toBe("by class");
    app.errorHandler(404, () => "by status");
    expect(await (await app.request("/")).text()).toBe("by status");
  });

  it("sends errors that are not HttpErrors to a 500 handler", async () => {
    const { app } = throwing(new TypeError("bug"));
    app.errorHandler(500, (error: Error) => [`500 handler saw ${error.name}`, 500]);
    const response = await app.request("/");
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("500 handler saw TypeError");
  });

  it("handles the App's own 405", async () => {
    const app = new App();
    app.route("/only-get", () => "ok");
    app.errorHandler(405, (error: HttpError) => json({ allowed: error.headers.allow }, { status: 405 }));
    const response = await app.request("/only-get", { method: "PUT" });
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ allowed: "GET, HEAD, OPTIONS" });
  });

  it("handles errors from before and after hooks", async () => {
    const app = new App();
    app.route("/", () => "view");
    app.route("/after", () => "view");
    app.beforeRequest((ctx) => {
      if (ctx.path === "/") throw new Forbidden();
    });
    app.afterRequest((_response, ctx) => {
      if (ctx.path === "/after") throw new Forbidden();
    });
    app.errorHandler(Forbidden, (_error, ctx) => [`refused ${ctx.path}`, 403]);
    expect(await (await app.request("/")).text()).toBe("refused /");
    expect(await (await app.request("/after")).text()).toBe("refused /after");
  });

  it("turns a throw inside an error handler into a logged 500", async () => {
    const secondary = new Error("the handler broke");
    const { app, logger } = throwing(new DomainError("first"));
    app.errorHandler(DomainError, () => {
      throw secondary;
    });
    const response = await app.request("/");
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.text()).not.toContain("the handler broke");
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining("Error: first"), secondary);
  });

  it("turns a rejection inside an async error handler into a logged 500", async () => {
    const secondary = new Error("async handler broke");
    const { app, logger } = throwing(new DomainError());
    app.errorHandler(DomainError, async () => {
      throw secondary;
    });
    expect((await app.request("/async")).status).toBe(500);
    expect(logger.error).toHaveBeenCalledWith(expect.any(String), secondary);
  });

  it("answers unhandled errors with a 500 problem+json that leaks neither message nor stack, and logs them", async () => {
    const secret = new Error("password=hunter2 at db.internal:5432");
    const { app, logger } = throwing(secret);
    for (const path of ["/", "/async"]) {
      const response = await app.request(path);
      expect(response.status).toBe(500);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const body = await response.text();
      expect(JSON.parse(body)).toEqual({ type: "about:blank", title: "Internal Server Error", status: 500, code: "MV_INTERNAL_SERVER_ERROR" });
      expect(body).not.toMatch(/hunter2|at |\.ts/);
    }
    expect(logger.error).toHaveBeenCalledWith(expect.any(String), secret);
  });

  it("answers a non-Error throw with a 500 too", async () => {
    const { app } = throwing("a string");
    expect((await app.request("/")).status).toBe(500);
  });

  it("refuses a key that is neither an error status nor an Error class, and a handler that is not a function", () => {
    const app = new App();
    class NotAnError {}
    expect(() => app.errorHandler(200, () => "")).toThrow(TypeError);
    expect(() => app.errorHandler(NotAnError as never, () => "")).toThrow(TypeError);
    expect(() => app.errorHandler(404, "handler" as never)).toThrow(TypeError);
  });
});
