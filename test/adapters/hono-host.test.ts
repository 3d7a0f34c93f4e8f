import { serve } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { validator } from "hono/validator";
import { request as httpRequest } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HonoSource, toHono, writeHonoResponse } from "../../src/adapters/hono/index.js";
import { App, MethodView, get } from "../../src/index.js";
import { eventually, send } from "./http-client.js";

const JSON_TYPE = { "content-type": "application/json" };
const open: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

/** Serves `hono` with @hono/node-server on 127.0.0.1, port 0; closed after the test. */
async function listen(hono: Hono): Promise<string> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: hono.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  open.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function quietApp(): { app: App; errors: unknown[][] } {
  const errors: unknown[][] = [];
  const app = new App({ bodyLimit: 1024, logger: { error: (...args: unknown[]) => void errors.push(args), warn: () => undefined } });
  open.push(async () => void (await app.close()));
  return { app, errors };
}

describe("new HonoSource(c, url) and writeHonoResponse()", () => {
  it("serve an App from a Hono handler of one's own, routed by the App's url map", async () => {
    const { app } = quietApp();
    app.route("/users/:id", (ctx) => ({ id: ctx.params.id, path: ctx.path, raw: ctx.raw !== undefined }));
    const hono = new Hono();
    hono.all("/legacy/*", async (c) => {
      const url = new URL(c.req.url);
      const source = new HonoSource(c, url.pathname.slice("/legacy".length) + url.search);
      return writeHonoResponse(c, await app.handle(source), source.method, app.logger);
    });
    const base = await listen(hono);
    expect(JSON.parse((await send(`${base}/legacy/users/3?x=1`)).body)).toEqual({ id: "3", path: "/users/3", raw: true });
    const missing = await send(`${base}/legacy/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers["content-type"]).toBe("application/problem+json");
  });
});

describe("toHono(app)", () => {
  it("runs Hono middleware around the view, and ctx.raw is the Hono context", async () => {
    const { app } = quietApp();
    let seen: Context | undefined;
    app.route("/who", (ctx) => {
      const c = ctx.raw as Context;
      return { user: c.get("user" as never) as unknown, same: c === seen };
    });
    const hono = new Hono();
    const order: string[] = [];
    hono.use("*", async (c, next) => {
      seen = c;
      c.set("user" as never, "ann" as never);
      order.push("before");
      await next();
      order.push("after");
      c.header("x-middleware", c.res.status === 200 ? "saw 200" : "other");
    });
    hono.route("/api", toHono(app));
    const res = await send(`${await listen(hono)}/api/who`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ user: "ann", same: true });
    expect(res.headers["x-middleware"]).toBe("saw 200");
    expect(order).toEqual(["before", "after"]);
  });

  it("gives ctx.path and ctx.params without the mount prefix's, with the query string, under any prefix", async () => {
    const { app } = quietApp();
    app.route("/", (ctx) => ({ path: ctx.path, query: ctx.query.toString() }));
    app.route("/where/:id", (ctx) => ({ path: ctx.path, query: ctx.query.toString(), params: ctx.params }));
    const sub = toHono(app);
    const hono = new Hono();
    hono.route("/v1", sub);
    hono.route("/v2/deep", sub);
    hono.route("/t/:tenant", sub);
    hono.route("/outer", new Hono().route("/inner", sub));
    const base = await listen(hono);
    const body = async (path: string) => JSON.parse((await send(`${base}${path}`)).body) as Record<string, unknown>;
    expect(await body("/v1/where/7?a=/b")).toEqual({ path: "/where/7", query: "a=%2Fb", params: { id: "7" } });
    expect(await body("/v2/deep/where/8")).toEqual({ path: "/where/8", query: "", params: { id: "8" } });
    expect(await body("/t/acme/where/9")).toEqual({ path: "/where/9", query: "", params: { id: "9" } });
    expect(await body("/outer/inner/where/a%20b")).toEqual({ path: "/where/a b", query: "", params: { id: "a b" } });
    expect(await body("/v1?x=1")).toEqual({ path: "/", query: "x=1" });
    expect(await body("/v2/deep")).toEqual({ path: "/", query: "" });
  });

  it("routes the request Hono routed, not node's own req.url, when a middleware re-dispatches it or the app has a getPath of its own", async () => {
    const { app } = quietApp();
    app.route("/fixed", (ctx) => ({ at: "fixed", query: ctx.query.toString() }));
    app.route("/other", (ctx) => ({ at: "other", query: ctx.query.toString() }));
    app.route("/host/:name/fixed", (ctx) => ({ at: "by host", name: ctx.params.name }));
    const inner = new Hono().route("/", toHono(app));
    const hono = new Hono();
    // A rewrite the Hono way: the same bindings (node's req among them), another Request.
    hono.get("/old", (c) => inner.fetch(new Request(new URL("/other?via=old", c.req.url), c.req.raw), c.env));
    hono.route("/", toHono(app));
    const base = await listen(hono);
    const body = async (url: string) => JSON.parse((await send(url)).body) as Record<string, unknown>;
    expect(await body(`${base}/fixed`)).toEqual({ at: "fixed", query: "" });
    expect(await body(`${base}/fixed?q=1`)).toEqual({ at: "fixed", query: "q=1" });
    expect(await body(`${base}/old`)).toEqual({ at: "other", query: "via=old" });

    const byHost = new Hono({ getPath: (request) => `/host/${new URL(request.url).hostname}${new URL(request.url).pathname}` });
    byHost.route("/", toHono(app));
    const hostBase = await listen(byHost);
    expect(await body(`${hostBase}/fixed`)).toEqual({ at: "fixed", query: "" });
  });

  it("reuses a body validator('json') parsed: ctx.json() gives it, the stream is not read again", async () => {
    const { app } = quietApp();
    app.route("/echo", async (ctx) => ({ json: await ctx.json(), used: (ctx.raw as Context).req.raw.bodyUsed }), { methods: ["POST"] });
    const hono = new Hono();
    hono.use("/api/echo", validator("json", (value) => ({ ...(value as object), validated: true })));
    hono.route("/api", toHono(app));
    const base = await listen(hono);
    const ok = await send(`${base}/api/echo`, { method: "POST", body: '{"a":1}', headers: JSON_TYPE });
    expect(JSON.parse(ok.body)).toEqual({ json: { a: 1, validated: true }, used: true });
    const notJson = await send(`${base}/api/echo`, { method: "POST", body: "a=1", headers: { "content-type": "text/plain" } });
    expect(notJson.status).toBe(415);
  });

  it("reads a body a Hono middleware already read from Hono's cache, with the App's checks", async () => {
    const { app } = quietApp();
    app.route("/echo", async (ctx) => ({ json: await ctx.json(), text: await ctx.text() }), { methods: ["POST"] });
    const hono = new Hono();
    hono.use("/api/*", async (c, next) => {
      if (c.req.method === "POST") await c.req.text();
      await next();
    });
    hono.route("/api", toHono(app));
    const base = await listen(hono);
    const ok = await send(`${base}/api/echo`, { method: "POST", body: '{"a":[1]}', headers: JSON_TYPE });
    expect(JSON.parse(ok.body)).toEqual({ json: { a: [1] }, text: '{"a":[1]}' });
    const poisoned = await send(`${base}/api/echo`, { method: "POST", body: '{"__proto__":{"x":1}}', headers: JSON_TYPE });
    expect(poisoned.status).toBe(400);
    const large = await send(`${base}/api/echo`, { method: "POST", body: JSON.stringify({ big: "x".repeat(2000) }), headers: JSON_TYPE });
    expect(large.status).toBe(413);
  });

  it("leaves a body the view read readable by Hono middleware that runs after it", async () => {
    const { app } = quietApp();
    app.route("/echo", async (ctx) => ({ json: await ctx.json() }), { methods: ["POST"] });
    const hono = new Hono();
    hono.use("*", async (c, next) => {
      await next();
      c.header("x-body-after", await c.req.text());
    });
    hono.route("/api", toHono(app));
    const res = await send(`${await listen(hono)}/api/echo`, { method: "POST", body: '{"b":2}', headers: JSON_TYPE });
    expect(JSON.parse(res.body)).toEqual({ json: { b: 2 } });
    expect(res.headers["x-body-after"]).toBe('{"b":2}');
    // A body in two packets: node:http joins them into a slice of a shared buffer pool.
    const url = new URL(`${await listen(hono)}/api/echo`);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(`POST /api/echo HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 7\r\nconnection: close\r\n\r\n{"c"`);
        setTimeout(() => socket.end(":3}"), 20);
      });
      let text = "";
      socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/\r\nx-body-after: \{"c":3\}\r\n/i);
    expect(raw.endsWith('{"json":{"c":3}}')).toBe(true);
  });

  it("reads a chunked body (no content-length) within app.bodyLimit, and answers 413 past it", async () => {
    const { app } = quietApp();
    app.route("/echo", async (ctx) => ({ json: await ctx.json() }), { methods: ["POST"] });
    const hono = new Hono();
    hono.use("*", async (c, next) => {
      await next();
      if (c.res.status === 200) c.header("x-body-after", await c.req.text());
    });
    hono.route("/api", toHono(app));
    const base = await listen(hono);
    const chunked = (parts: string[]) =>
      new Promise<{ status: number; body: string; after: unknown }>((resolve, reject) => {
        const req = httpRequest(`${base}/api/echo`, { method: "POST", headers: JSON_TYPE }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body, after: res.headers["x-body-after"] }));
        });
        req.on("error", reject);
        for (const part of parts) req.write(part);
        req.end();
      });
    const ok = await chunked(['{"a":', '"b"}']);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ json: { a: "b" } });
    expect(ok.after).toBe('{"a":"b"}');
    const large = await chunked(['{"big":"', "x".repeat(800), "x".repeat(800), '"}']);
    expect(large.status).toBe(413);
    expect(JSON.parse(large.body)).toMatchObject({ status: 413 });
  });

  it("prefers static segments to params, and params to wildcards, whatever the registration order", async () => {
    const { app } = quietApp();
    app.route("/items/*", () => "wildcard");
    app.route("/items/:id", () => "param");
    app.route("/items/new", () => "static");
    const hono = new Hono().route("/api", toHono(app));
    const base = await listen(hono);
    expect((await send(`${base}/api/items/new`)).body).toBe("static");
    expect((await send(`${base}/api/items/42`)).body).toBe("param");
    expect((await send(`${base}/api/items/4/2`)).body).toBe("wildcard");
  });

  it("gives a trailing wildcard as params['*'], the bare prefix being the App's root", async () => {
    const { app } = quietApp();
    app.route("/files/*", (ctx) => ({ rest: ctx.params["*"], path: ctx.path }));
    app.route("/*", (ctx) => ({ root: ctx.params["*"] }));
    const hono = new Hono();
    hono.notFound((c) => c.text("hono 404", 404));
    hono.route("/api", toHono(app));
    const base = await listen(hono);
    expect(JSON.parse((await send(`${base}/api/files/a/b%2Fc?x=1`)).body)).toEqual({ rest: "a/b/c", path: "/files/a/b/c" });
    expect(JSON.parse((await send(`${base}/api/files/`)).body)).toEqual({ rest: "", path: "/files/" });
    expect(JSON.parse((await send(`${base}/api/other/x`)).body)).toEqual({ root: "other/x" });
    expect(JSON.parse((await send(`${base}/api`)).body)).toEqual({ root: "" });
    const outside = await send(`${base}/elsewhere`);
    expect(outside.status).toBe(404);
    expect(outside.body).toBe("hono 404");
  });

  it("answers a malformed percent-encoding with the App's 400 problem+json, through its hooks", async () => {
    const { app } = quietApp();
    app.route("/params/:name", (ctx) => ({ name: ctx.params.name }));
    app.route("/files/*", (ctx) => ({ rest: ctx.params["*"] }));
    app.afterRequest((response) => void response.setHeader("x-after", "1"));
    const base = await listen(new Hono().route("/api", toHono(app)));
    for (const path of ["/api/params/%E0%A4%A", "/api/files/a/%ZZ"]) {
      const res = await send(`${base}${path}`);
      expect(res.status).toBe(400);
      expect(res.headers["content-type"]).toBe("application/problem+json");
      expect(res.headers["x-after"]).toBe("1");
    }
    expect(JSON.parse((await send(`${base}/api/params/%C3%A9?q=%ZZ`)).body)).toEqual({ name: "é" });
  });

  it("serves rules Hono itself would read differently, as the App reads them; refuses anything but an App", async () => {
    const { app } = quietApp();
    app.route("/files/:name-:ext", (ctx) => ({ ...ctx.params }));
    const base = await listen(new Hono().route("/api", toHono(app)));
    expect(JSON.parse((await send(`${base}/api/files/notes-txt`)).body)).toEqual({ name: "notes", ext: "txt" });
    expect(() => toHono({} as App)).toThrow("toHono(app): app must be a methodview App");
  });

  it("answers a sync view without a promise, and an async one with one", () => {
    const app = new App();
    app.route("/sync", () => "now");
    app.route("/async", async () => "later");
    const hono = new Hono().route("/api", toHono(app));
    const sync = hono.fetch(new Request("http://localhost/api/sync"));
    expect(sync).toBeInstanceOf(Response);
    const async_ = hono.fetch(new Request("http://localhost/api/async"));
    expect(async_).toBeInstanceOf(Promise);
    return Promise.all([(sync as Response).text(), (async_ as Promise<Response>).then((res) => res.text())]).then(([a, b]) => {
      expect([a, b]).toEqual(["now", "later"]);
    });
  });

  it("writes repeated set-cookie headers and status codes natively; HEAD of a stream sends headers only", async () => {
    const { app } = quietApp();
    class Cookies extends MethodView {
      get() {
        return ["ok", 201, [["set-cookie", "a=1"], ["set-cookie", "b=2"]] as [string, string][]];
      }

      @get("/stream")
      stream() {
        return (async function* () {
          yield "s";
        })();
      }
    }
    app.register("/cookies", Cookies);
    const base = await listen(new Hono().route("/api", toHono(app)));
    const res = await send(`${base}/api/cookies`);
    expect(res.status).toBe(201);
    expect(res.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    const head = await send(`${base}/api/cookies/stream`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect((await send(`${base}/api/cookies/stream`)).body).toBe("s");
  });

  it("cuts a response whose stream fails, logs it through app.logger, and keeps serving", async () => {
    const { app, errors } = quietApp();
    app.route("/broken", async function* broken() {
      yield "partial";
      throw new Error("stream broke");
    });
    app.route("/ok", () => "fine");
    const base = await listen(new Hono().route("/api", toHono(app)));
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(`${base}/api/broken`, (res) => {
        res.on("data", () => undefined);
        res.on("end", () => resolve("ended"));
        res.on("error", () => resolve("cut"));
        res.on("aborted", () => resolve("cut"));
      });
      req.on("error", () => resolve("cut"));
      req.end();
    });
    expect(outcome).toBe("cut");
    expect(errors.map(([message]) => message)).toContain("a response body stream failed; the response was cut");
    expect((await send(`${base}/api/ok`)).body).toBe("fine");
  });

  it("streams with back-pressure: a client that stops reading stops the source, a gone one ends it", async () => {
    const { app } = quietApp();
    let produced = 0;
    let finished = false;
    const chunk = new Uint8Array(64 * 1024);
    app.route("/big", async function* big() {
      try {
        for (let i = 0; i < 2000; i++) {
          produced++;
          yield chunk;
        }
      } finally {
        finished = true;
      }
    });
    const base = await listen(new Hono().route("/api", toHono(app)));
    const req = httpRequest(`${base}/api/big`, (res) => res.pause());
    req.on("error", () => undefined);
    req.end();
    await eventually(async () => produced > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // 2000 chunks are 128 MB; the socket buffers hold a few MB at most.
    expect(produced).toBeLessThan(200);
    req.destroy();
    expect(await eventually(async () => finished)).toBe(true);
    expect(produced).toBeLessThan(2000);
  });
});
