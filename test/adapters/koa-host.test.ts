import Router, { type RouterContext } from "@koa/router";
import Koa, { type Context, type Next } from "koa";
import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { toKoaMiddleware, toKoaRouter } from "../../src/adapters/koa/index.js";
import { App, ViewResponse, type RequestContext } from "../../src/index.js";
import { isThenable } from "../../src/host/index.js";
import type { Served } from "./conformance.js";
import { eventually, send } from "./http-client.js";
import { serveKoa } from "./koa-server.js";

const quiet = { error: () => undefined, warn: () => undefined };
let served: Served[] = [];

afterEach(async () => {
  await Promise.all(served.map((s) => s.close()));
  served = [];
});

async function serve<S, C>(koa: Koa<S, C>, path = ""): Promise<(p: string) => string> {
  const s = await serveKoa(koa, path);
  served.push(s);
  return (p) => `${s.url}${p}`;
}

function quietKoa(): Koa {
  const koa = new Koa();
  koa.silent = true;
  return koa;
}

/** An x-response-time middleware: it runs before the view and sets its header after it. */
async function responseTime(ctx: Context, next: Next): Promise<void> {
  const start = performance.now();
  await next();
  ctx.set("x-response-time", `${(performance.now() - start).toFixed(3)}ms`);
  ctx.set("x-status-seen", String(ctx.status));
}

/** A tiny Koa body parser, as @koa/bodyparser does it: drains the stream, sets body and rawBody. */
async function bodyParser(ctx: Context, next: Next): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  const request = ctx.request as Context["request"] & { body?: unknown; rawBody?: string };
  request.rawBody = raw;
  request.body = ctx.is("application/json") ? { ...(JSON.parse(raw) as object), parsedBy: "koa" } : {};
  await next();
}

describe("toKoaMiddleware(app)", () => {
  it("runs inside the Koa middleware before it; the middleware after it runs for other paths only", async () => {
    const app = new App({ logger: quiet });
    app.route("/hello", () => "hello");
    app.route("/later", async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return ["later", 201];
    });
    const after = vi.fn((ctx: Context) => {
      ctx.body = "from the next middleware";
    });
    const url = await serve(quietKoa().use(responseTime).use(toKoaMiddleware(app)).use(after));

    const hello = await send(url("/hello"));
    expect(hello.status).toBe(200);
    expect(hello.body).toBe("hello");
    expect(hello.headers["x-response-time"]).toMatch(/ms$/);
    const later = await send(url("/later"));
    expect(later.body).toBe("later");
    expect(later.headers["x-status-seen"]).toBe("201");
    expect(after).not.toHaveBeenCalled();

    const other = await send(url("/other"));
    expect(other.body).toBe("from the next middleware");
    expect(other.headers["x-response-time"]).toMatch(/ms$/);
    expect(after).toHaveBeenCalledOnce();
  });

  it("gives the Koa ctx as ctx.raw, and the path without the prefix as ctx.path", async () => {
    const app = new App({ logger: quiet });
    const seen = new WeakSet<object>();
    app.route("/where", (ctx) => {
      const koaCtx = ctx.raw as Context;
      return { same: seen.has(koaCtx), koa: koaCtx.app instanceof Koa, state: koaCtx.state.user, koaPath: koaCtx.path, path: ctx.path, q: ctx.query.get("q") };
    });
    app.route("/", (ctx) => ({ root: ctx.path }));
    const koa = quietKoa().use((ctx, next) => {
      seen.add(ctx);
      ctx.state.user = "ada";
      return next();
    });
    const url = await serve(koa.use(toKoaMiddleware(app, { prefix: "/api/" })));

    expect(JSON.parse((await send(url("/api/where?q=1"))).body)).toEqual({
      same: true,
      koa: true,
      state: "ada",
      koaPath: "/api/where",
      path: "/where",
      q: "1",
    });
    expect(JSON.parse((await send(url("/api"))).body)).toEqual({ root: "/" });
    expect(JSON.parse((await send(url("/api?x=1"))).body)).toEqual({ root: "/" });
    expect((await send(url("/where"))).status).toBe(404);
    expect((await send(url("/apiwhere"))).status).toBe(404);
  });

  it("reuses a body a Koa body parser read, and never reads the stream twice", async () => {
    const app = new App({ logger: quiet, bodyLimit: 64 });
    app.route("/echo", async (ctx) => ({ json: await ctx.json(), text: await ctx.text(), drained: (ctx.raw as Context).req.readableEnded }), {
      methods: ["POST"],
    });
    const url = await serve(quietKoa().use(bodyParser).use(toKoaMiddleware(app)));
    const post = (body: string, type: string) => send(url("/echo"), { method: "POST", body, headers: { "content-type": type } });

    const ok = await post('{"a":1}', "application/json");
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ json: { a: 1, parsedBy: "koa" }, text: '{"a":1}', drained: true });
    // The parser's `{}` for a body it skipped is not JSON: the App's 415 stands.
    const wrongType = await post("a=1", "application/x-www-form-urlencoded");
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers["content-type"]).toBe("application/problem+json");
    // The kept raw body still counts against the App's bodyLimit.
    const large = await post(JSON.stringify({ big: "x".repeat(100) }), "application/json");
    expect(large.status).toBe(413);
  });

  it("sets a sync view's response on ctx before it returns, without a promise", async () => {
    const app = new App({ logger: quiet });
    app.route("/sync", () => "now");
    app.route("/async", async () => "later");
    const mw = toKoaMiddleware(app);
    const probe = (ctx: Context, next: Next) => {
      const out = mw(ctx, next) as unknown;
      ctx.set("x-sync", String(!isThenable(out) && ctx.body === "now"));
      return out;
    };
    const url = await serve(quietKoa().use(probe));
    expect((await send(url("/sync"))).headers["x-sync"]).toBe("true");
    const later = await send(url("/async"));
    expect(later.headers["x-sync"]).toBe("false");
    expect(later.body).toBe("later");
  });

  it("keeps the App's status, body and types where Koa has defaults of its own", async () => {
    const app = new App({ logger: quiet });
    app.route("/none", () => null);
    app.route("/empty-200", () => [null, 200, { "x-empty": "1" }]);
    app.route("/untyped", () => new ViewResponse(200, {}, "<p>not html</p>"));
    app.route("/json-null", () => new ViewResponse(202, { "content-type": "application/json" }, null));
    const url = await serve(quietKoa().use(toKoaMiddleware(app)));

    const none = await send(url("/none"));
    expect(none.status).toBe(204);
    expect(none.body).toBe("");
    expect(none.headers["content-type"]).toBeUndefined();
    const empty = await send(url("/empty-200"));
    expect(empty.status).toBe(200);
    expect(empty.headers["x-empty"]).toBe("1");
    expect(empty.body).toBe("");
    const untyped = await send(url("/untyped"));
    expect(untyped.headers["content-type"]).toBeUndefined();
    expect(untyped.body).toBe("<p>not html</p>");
    const jsonNull = await send(url("/json-null"));
    expect(jsonNull.status).toBe(202);
    expect(jsonNull.body).toBe("");
  });

  it("cuts a response whose stream fails, and logs it through app.logger", async () => {
    const logger = { error: vi.fn(), warn: vi.fn() };
    const app = new App({ logger });
    app.route("/broken", async function* broken() {
      yield "partial ";
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error("the source went away");
    });
    const url = await serve(quietKoa().use(toKoaMiddleware(app)));
    await expect(send(url("/broken"))).rejects.toThrow();
    expect(await eventually(async () => logger.error.mock.calls.length > 0)).toBe(true);
    expect(logger.error.mock.calls[0]![0]).toMatch(/stream failed/);
  });

  it("stops a streamed body when the client goes away", async () => {
    const app = new App({ logger: quiet });
    let finished = false;
    app.route("/endless", async function* endless() {
      try {
        for (;;) {
          yield "tick\n";
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      } finally {
        finished = true;
      }
    });
    const url = await serve(quietKoa().use(toKoaMiddleware(app)));
    await new Promise<void>((resolve) => {
      const req = httpRequest(url("/endless"), (res) => res.once("data", () => {
        req.destroy();
        resolve();
      }));
      req.on("error", () => undefined);
      req.end();
    });
    expect(await eventually(async () => finished)).toBe(true);
  });

  it("answers a malformed percent-encoding a rule would take with the App's 400, and leaves the rest to the host", async () => {
    const app = new App({ logger: quiet });
    app.route("/users/:id", (ctx) => ctx.params.id ?? "");
    const url = await serve(quietKoa().use(toKoaMiddleware(app)).use((ctx) => {
      ctx.body = "host";
    }));
    const bad = await send(url("/users/%E0%A4%A"));
    expect(bad.status).toBe(400);
    expect(bad.headers["content-type"]).toBe("application/problem+json");
    expect((await send(url("/other/%E0%A4%A"))).body).toBe("host");
    expect((await send(url("/users/%C3%A9"))).body).toBe("é");
  });

  it("answers a 500 problem+json, logged, for headers node refuses", async () => {
    const logger = { error: vi.fn(), warn: vi.fn() };
    const app = new App({ logger });
    app.route("/bad-header", () => ["x", 200, { "x-bad": "line\nbreak" }]);
    const url = await serve(quietKoa().use(toKoaMiddleware(app)));
    const res = await send(url("/bad-header"));
    expect(res.status).toBe(500);
    expect(res.headers["content-type"]).toBe("application/problem+json");
    // The App refuses the header where the result becomes a response, before any host sees it.
    expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/not a valid HTTP response/), expect.any(TypeError));
  });

  it("refuses a prefix that is not a path", () => {
    const app = new App();
    expect(() => toKoaMiddleware(app, { prefix: "api" })).toThrow(TypeError);
    expect(() => toKoaMiddleware({} as App)).toThrow(/must be a methodview App/);
  });
});

describe("toKoaRouter(app, router)", () => {
  function pathApp(): App {
    const app = new App({ logger: quiet });
    app.route("/where", (ctx) => ({ path: ctx.path, params: { ...ctx.params } }));
    app.route("/users/:id", (ctx) => ({
      path: ctx.path,
      params: { ...ctx.params },
      koaParams: { ...(ctx.raw as RouterContext).params },
    }));
    app.route("/", (ctx) => ({ root: ctx.path }));
    return app;
  }

  it("mounts one router under two prefixes, and under a prefix with a parameter", async () => {
    const router = toKoaRouter(pathApp(), new Router({ sensitive: true, strict: true }));
    const root = new Router();
    root.use("/v1", router.routes());
    root.use("/v2", router.routes());
    root.use("/t/:tenant", router.routes());
    const url = await serve(quietKoa().use(root.routes()));

    expect(JSON.parse((await send(url("/v1/where"))).body)).toEqual({ path: "/where", params: {} });
    expect(JSON.parse((await send(url("/v2/where?x=/y"))).body)).toEqual({ path: "/where", params: {} });
    expect(JSON.parse((await send(url("/t/acme/users/7"))).body)).toEqual({
      path: "/users/7",
      params: { id: "7" },
      koaParams: { tenant: "acme", methodviewPath: "users/7" },
    });
    expect((await send(url("/where"))).status).toBe(404);
  });

  it("serves the root rule at the bare prefix of a non-strict router", async () => {
    const router = toKoaRouter(pathApp(), new Router({ prefix: "/api" }));
    const url = await serve(quietKoa().use(router.routes()));
    expect(JSON.parse((await send(url("/api"))).body)).toEqual({ root: "/" });
    expect(JSON.parse((await send(url("/api/?q=1"))).body)).toEqual({ root: "/" });
    expect(JSON.parse((await send(url("/api/users/1"))).body)).toMatchObject({ path: "/users/1" });
  });

  it("lets static paths win over parameters, whatever the registration order", async () => {
    const app = new App({ logger: quiet });
    app.route("/items/:id", (ctx) => `item ${ctx.params.id}`);
    app.route("/items/*", (ctx) => `rest ${ctx.params["*"]}`);
    app.route("/items/new", () => "the new-item form");
    const url = await serve(quietKoa().use(toKoaRouter(app, new Router({ sensitive: true, strict: true })).routes()));
    expect((await send(url("/items/new"))).body).toBe("the new-item form");
    expect((await send(url("/items/3"))).body).toBe("item 3");
    expect((await send(url("/items/3/4"))).body).toBe("rest 3/4");
  });

  it("serves every rule form the App has, routed by the App", async () => {
    const app = new App({ logger: quiet });
    const echo = (ctx: RequestContext) => ({ ...ctx.params });
    app.route("/files/:name.txt", echo);
    app.route("/range/:from-:to", echo);
    app.route("/opt/:id?", echo);
    app.route("/time/::now", () => "colon");
    app.route("/a+b", () => "plus");
    app.route("/caf\u00e9", () => "café");
    app.route("/wild/*", echo);
    app.route("/n/:id(^\\d+)", echo);
    const url = await serve(quietKoa().use(toKoaRouter(app, new Router({ sensitive: true, strict: true })).routes()));

    expect(JSON.parse((await send(url("/files/notes.txt"))).body)).toEqual({ name: "notes" });
    expect(JSON.parse((await send(url("/range/3-9"))).body)).toEqual({ from: "3", to: "9" });
    expect(JSON.parse((await send(url("/opt"))).body)).toEqual({});
    expect(JSON.parse((await send(url("/n/12"))).body)).toEqual({ id: "12" });
    expect((await send(url("/n/ab"))).status).toBe(404);
    expect(JSON.parse((await send(url("/opt/5"))).body)).toEqual({ id: "5" });
    expect((await send(url("/time/:now"))).body).toBe("colon");
    expect((await send(url("/a+b"))).body).toBe("plus");
    expect((await send(url("/caf%C3%A9"))).body).toBe("café");
    expect(JSON.parse((await send(url("/wild/"))).body)).toEqual({ "*": "" });
    expect(JSON.parse((await send(url("/wild/a%2Fb/c"))).body)).toEqual({ "*": "a/b/c" });
  });

  it("answers a malformed percent-encoding in a parameter with the App's 400", async () => {
    const app = new App({ logger: quiet });
    app.route("/users/:id", (ctx) => ctx.params.id ?? "");
    const url = await serve(quietKoa().use(toKoaRouter(app, new Router()).routes()));
    const res = await send(url("/users/%E0%A4%A"));
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toBe("application/problem+json");
  });

  it("runs router and Koa middleware around the view", async () => {
    const app = new App({ logger: quiet });
    app.route("/hello", (ctx) => `hello ${(ctx.raw as Context).state.user as string}`);
    const router = new Router();
    router.use(async (ctx, next) => {
      ctx.state.user = "grace";
      await next();
      ctx.set("x-router-after", String(ctx.status));
    });
    const url = await serve(quietKoa().use(responseTime).use(toKoaRouter(app, router).routes()));
    const res = await send(url("/hello"));
    expect(res.body).toBe("hello grace");
    expect(res.headers["x-router-after"]).toBe("200");
    expect(res.headers["x-response-time"]).toMatch(/ms$/);
  });

  it("refuses anything but an App and a router", () => {
    expect(() => toKoaRouter({} as App, new Router())).toThrow(/must be a methodview App/);
    expect(() => toKoaRouter(new App(), {} as Router)).toThrow(/must be a @koa\/router Router/);
  });
});
