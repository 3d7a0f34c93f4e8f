import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { App, currentContext, type RequestContext } from "../../src/index.js";
import { targets } from "../adapters/targets.js";
import { silentLogger, type SilentLogger } from "./support.js";

// A rule with no hooks, no contract and no time limit takes a short path from a host's own
// request callback on Node 24 and later (and everywhere with `asyncContext: false`): a sync
// view's plain object is written at once, and anything else hands over to the full pipeline.
// These cases pin that both paths give every host the same answers.

class Teapot extends Error {}

function plainApp(logger: SilentLogger, asyncContext: boolean): App {
  const app = new App({ logger, asyncContext });
  app.errorHandler(Teapot, () => [{ brewed: false }, 418]);
  app.route("/object", () => ({ ok: true }));
  app.route("/context", (ctx) => ({ same: currentContext() === ctx, path: (currentContext() as RequestContext).path }));
  app.route("/throws", () => {
    throw new Error("secret internal detail");
  });
  app.route("/teapot", () => {
    throw new Teapot("handled");
  });
  app.route("/async", async () => {
    await Promise.resolve();
    return { async: true, same: currentContext().path };
  });
  app.route("/rejects", async () => {
    await Promise.resolve();
    throw new Error("secret async detail");
  });
  app.route("/text", () => "plain text");
  app.route("/tuple", () => [{ id: 7 }, 201, { "x-id": "7" }]);
  app.route("/bigint", () => ({ n: 1n }));
  app.route("/cycle", () => {
    const value: Record<string, unknown> = {};
    value.self = value;
    return value;
  });
  app.route("/own-after", (ctx) => {
    ctx.afterThisRequest((response) => {
      response.headers["x-after"] = "ran";
      return response;
    });
    return { own: true };
  });
  app.route("/null-prototype", () => Object.assign(Object.create(null) as object, { bare: true }));
  return app;
}

// Every host on a real socket, and app.request() with no socket at all.
const hosts: { name: string; serve: (app: App) => Promise<{ get: (path: string) => Promise<Response>; close: () => Promise<void> }> }[] = [
  ...targets.map((target) => ({
    name: target.name,
    async serve(app: App) {
      const { url, close } = await target.serve(app);
      return { get: (path: string) => fetch(`${url}${path}`), close };
    },
  })),
  { name: "app.request()", serve: async (app: App) => ({ get: (path: string) => app.request(path), close: async () => undefined }) },
];

const cases = hosts.flatMap((host) => [true, false].map((asyncContext) => ({ ...host, asyncContext })));

describe.each(cases)("a hookless rule on $name, asyncContext $asyncContext", ({ serve, asyncContext }) => {
  const logger = silentLogger();
  const app = plainApp(logger, asyncContext);
  let get: (path: string) => Promise<Response>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ get, close } = await serve(app));
  });

  beforeEach(() => {
    logger.error.mockClear();
  });

  afterAll(async () => {
    await close();
    await app.close();
  });

  it("writes a sync view's plain object as JSON", async () => {
    const response = await get("/object");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("serves a null-prototype object as JSON too", async () => {
    const response = await get("/null-prototype");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ bare: true });
  });

  it.runIf(asyncContext)("runs a sync view in its request's context", async () => {
    expect(await (await get("/context")).json()).toEqual({ same: true, path: "/context" });
  });

  it("answers a throwing view with a 500 problem+json that tells nothing of the error", async () => {
    const response = await get("/throws");
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const body = await response.text();
    expect(body).not.toContain("secret");
    expect(JSON.parse(body)).toMatchObject({ status: 500 });
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it("takes a sync view's error to its error handler", async () => {
    const response = await get("/teapot");
    expect(response.status).toBe(418);
    expect(await response.json()).toEqual({ brewed: false });
  });

  it("awaits an async view, in its context", async () => {
    if (!asyncContext) {
      // Without a context, currentContext() throws: the view's rejection becomes a 500.
      expect((await get("/async")).status).toBe(500);
      return;
    }
    expect(await (await get("/async")).json()).toEqual({ async: true, same: "/async" });
  });

  it("answers an async view's rejection with a 500 problem+json", async () => {
    const response = await get("/rejects");
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("secret");
  });

  it("hands a result that is not a plain object to the full pipeline", async () => {
    const text = await get("/text");
    expect(text.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await text.text()).toBe("plain text");
    const tuple = await get("/tuple");
    expect(tuple.status).toBe(201);
    expect(tuple.headers.get("x-id")).toBe("7");
    expect(await tuple.json()).toEqual({ id: 7 });
  });

  it.each(["/bigint", "/cycle"])("answers an object JSON cannot hold (%s) with a 500 problem+json", async (path) => {
    const response = await get(path);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it("runs the after hooks a sync view added for its request", async () => {
    const response = await get("/own-after");
    expect(response.headers.get("x-after")).toBe("ran");
    expect(await response.json()).toEqual({ own: true });
  });

  it("counts every request out, whichever path it took, so close() does not wait", async () => {
    for (const path of ["/object", "/throws", "/async", "/bigint", "/own-after", "/text"]) await (await get(path)).arrayBuffer();
    const report = await app.close();
    expect(report.requests).toEqual({ pending: 0, timedOut: false });
  });
});
