import "reflect-metadata";
import { request as httpRequest } from "node:http";
import { gzipSync, createGunzip } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App, MethodView, route, type RequestContext } from "../../src/index.js";
import { methodviewFrameworkErrors, methodviewPlugin, type FastifyRaw } from "../../src/adapters/fastify/index.js";
import { eventually, send } from "./http-client.js";

const PROBLEM = "application/problem+json";
const JSON_TYPE = "application/json";

const open: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((fastify) => fastify.close()));
});

function silentApp(bodyLimit = 1024) {
  const logger = { error: vi.fn(), warn: vi.fn() };
  return { app: new App({ bodyLimit, logger }), logger };
}

/** Starts `fastify` on 127.0.0.1, port 0, closed after the test; returns its base URL. */
async function start(fastify: FastifyInstance): Promise<string> {
  open.push(fastify);
  return fastify.listen({ port: 0, host: "127.0.0.1" });
}

/** Mounts `app` under `prefix` on a new Fastify, after `setup` (the host's own hooks and parsers). */
async function serve(app: App, prefix = "/api", setup: (fastify: FastifyInstance) => void = () => undefined) {
  const fastify = Fastify();
  setup(fastify);
  await fastify.register(methodviewPlugin, { app, prefix });
  const base = await start(fastify);
  return { fastify, url: (path: string) => `${base}${prefix}${path}` };
}

const postJson = (url: string, body: string, type = JSON_TYPE) => send(url, { method: "POST", body, headers: { "content-type": type } });

describe("fastify.register(methodviewPlugin, { app, prefix })", () => {
  it("refuses anything but a methodview App, when Fastify loads the plugin", async () => {
    const fastify = Fastify();
    open.push(fastify);
    await expect(fastify.register(methodviewPlugin, { app: {} as App })).rejects.toThrow(
      /fastify.register\(methodviewPlugin, \{ app \}\): app must be a methodview App/,
    );
  });

  it("leaves a path a Fastify route of its own holds to that route", async () => {
    const { app } = silentApp();
    app.route("/taken", () => "methodview");
    app.route("/free", () => "methodview");
    const fastify = Fastify();
    open.push(fastify);
    fastify.get("/api/taken", () => "fastify");
    await fastify.register(methodviewPlugin, { app, prefix: "/api" });
    const url = await fastify.listen({ port: 0, host: "127.0.0.1" });
    expect((await send(`${url}/api/taken`)).body).toBe("fastify");
    expect((await send(`${url}/api/free`)).body).toBe("methodview");
  });

  it("answers a malformed percent-encoding Fastify's router refuses in problem+json, with methodviewFrameworkErrors(app)", async () => {
    const { app } = silentApp();
    app.route("/users/:id", (ctx) => ctx.params.id ?? "");
    const plain = Fastify();
    const wrapped = Fastify({ frameworkErrors: methodviewFrameworkErrors(app) });
    open.push(plain, wrapped);
    const urls: string[] = [];
    for (const fastify of [plain, wrapped]) {
      await fastify.register(methodviewPlugin, { app, prefix: "/api" });
      urls.push(await fastify.listen({ port: 0, host: "127.0.0.1" }));
    }
    const refused = await send(`${urls[0]}/api/users/%E0%A4%A`);
    expect([refused.status, refused.headers["content-type"]]).toEqual([400, "application/json"]);
    const answered = await send(`${urls[1]}/api/users/%E0%A4%A`);
    expect(answered.status).toBe(400);
    expect(answered.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(answered.body)).toMatchObject({ status: 400, code: "MV_BAD_REQUEST" });
    expect((await send(`${urls[1]}/api/users/%C3%A9`)).body).toBe("é");
  });

  it("serves the same App under two prefixes, each path relative to its own", async () => {
    const { app } = silentApp();
    app.route("/where", (ctx) => ({ path: ctx.path, query: ctx.query.get("q") }));
    app.route("/", (ctx) => ({ root: ctx.path }));
    const fastify = Fastify();
    await fastify.register(methodviewPlugin, { app, prefix: "/v1" });
    await fastify.register(methodviewPlugin, { app, prefix: "/v2/nested" });
    const base = await start(fastify);
    for (const prefix of ["/v1", "/v2/nested"]) {
      expect(JSON.parse((await send(`${base}${prefix}/where?q=1`)).body)).toEqual({ path: "/where", query: "1" });
      expect(JSON.parse((await send(`${base}${prefix}`)).body)).toEqual({ root: "/" });
      expect(JSON.parse((await send(`${base}${prefix}/`)).body)).toEqual({ root: "/" });
    }
    expect((await send(`${base}/where`)).status).toBe(404);
  });

  it("mounts at the root without a prefix, and under a prefix with a param", async () => {
    const { app } = silentApp();
    app.route("/items/:id", (ctx) => ({ path: ctx.path, id: ctx.params.id }));
    app.route("/numbers/:n(^\\d+)", (ctx) => ({ n: ctx.params.n }));
    const fastify = Fastify({ routerOptions: { caseSensitive: false } });
    await fastify.register(methodviewPlugin, { app });
    await fastify.register(methodviewPlugin, { app, prefix: "/tenants/:tenant" });
    const base = await start(fastify);
    expect(JSON.parse((await send(`${base}/items/7`)).body)).toEqual({ path: "/items/7", id: "7" });
    expect(JSON.parse((await send(`${base}/tenants/acme/items/8?x=1`)).body)).toEqual({ path: "/items/8", id: "8" });
    expect(JSON.parse((await send(`${base}/TENANTS/acme/items/9`)).body)).toEqual({ path: "/items/9", id: "9" });
    expect(JSON.parse((await send(`${base}/numbers/12`)).body)).toEqual({ n: "12" });
    expect((await send(`${base}/numbers/twelve`)).status).toBe(404);
  });
});

describe("methodview/fastify: the host around the views", () => {
  it("runs Fastify's onRequest, preHandler and onSend hooks around a view", async () => {
    const { app } = silentApp();
    const order: string[] = [];
    app.beforeRequest(() => void order.push("app beforeRequest"));
    app.route("/hooked", (ctx) => {
      order.push("view");
      return { seenByView: ((ctx.raw as FastifyRaw).request as unknown as { tenant?: string }).tenant ?? null };
    });
    const { url } = await serve(app, "/api", (fastify) => {
      fastify.decorateRequest("tenant", "");
      fastify.addHook("onRequest", async (request, reply) => {
        order.push("fastify onRequest");
        (request as unknown as { tenant: string }).tenant = String(request.headers["x-tenant"] ?? "");
        reply.header("x-on-request", "1");
      });
      fastify.addHook("preHandler", (_request, _reply, done) => {
        order.push("fastify preHandler");
        done();
      });
      fastify.addHook("onSend", async (_request, reply, payload) => {
        order.push("fastify onSend");
        reply.header("x-on-send", Buffer.isBuffer(payload) ? "bytes" : typeof payload);
      });
      fastify.addHook("onResponse", async () => void order.push("fastify onResponse"));
    });
    const res = await send(url("/hooked"), { headers: { "x-tenant": "acme" } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ seenByView: "acme" });
    expect(res.headers["x-on-request"]).toBe("1");
    expect(res.headers["x-on-send"]).toBe("string");
    const all = ["fastify onRequest", "fastify preHandler", "app beforeRequest", "view", "fastify onSend", "fastify onResponse"];
    expect(await eventually(async () => order.length === all.length)).toBe(true);
    expect(order).toEqual(all);
  });

  it("lets a Fastify hook answer first: the view never runs", async () => {
    const { app } = silentApp();
    const view = vi.fn(() => "view");
    app.route("/guarded", view);
    const { url } = await serve(app, "/api", (fastify) => {
      fastify.addHook("onRequest", async (request, reply) => {
        if (request.headers.authorization === undefined) return reply.code(401).send({ error: "who are you?" });
      });
    });
    const res = await send(url("/guarded"));
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ error: "who are you?" });
    expect(view).not.toHaveBeenCalled();
    expect((await send(url("/guarded"), { headers: { authorization: "yes" } })).body).toBe("view");
  });

  it("passes errors of the host's own hooks to the host's error handler", async () => {
    const { app } = silentApp();
    app.route("/failing-hook", () => "never");
    const { url } = await serve(app, "/api", (fastify) => {
      fastify.setErrorHandler((error, _request, reply) => reply.code(503).send({ fromFastify: (error as Error).message }));
      fastify.addHook("preHandler", async () => {
        throw new Error("hook broke");
      });
    });
    const res = await send(url("/failing-hook"));
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toEqual({ fromFastify: "hook broke" });
  });

  it("gives ctx.raw as Fastify's request and reply", async () => {
    const { app } = silentApp();
    let raw: FastifyRaw | undefined;
    app.route("/raw", (ctx) => {
      raw = ctx.raw as FastifyRaw;
      return { id: raw.request.id, url: raw.request.url, routeUrl: raw.request.routeOptions.url, path: ctx.path };
    });
    const { fastify, url } = await serve(app);
    const res = await send(url("/raw?x=1"));
    expect(JSON.parse(res.body)).toEqual({ id: expect.any(String), url: "/api/raw?x=1", routeUrl: "/api/*", path: "/raw" });
    // The plugin's own encapsulated scope, a child of the instance it was registered on.
    expect(raw?.request.server.prefix).toBe("/api");
    expect(Object.getPrototypeOf(raw?.request.server) === fastify).toBe(true);
    expect(typeof raw?.reply.header).toBe("function");
    expect(raw?.reply.raw.constructor.name).toBe("ServerResponse");
  });

  it("leaves a path no rule matches, under the prefix or not, to Fastify's 404", async () => {
    const { app } = silentApp();
    app.route("/known", () => "yes");
    const { url } = await serve(app, "/api", (fastify) => {
      fastify.setNotFoundHandler((_request, reply) => reply.code(404).send("fastify's own 404"));
    });
    for (const path of ["/unknown", "/known/deeper"]) {
      const res = await send(url(path));
      expect(res.status).toBe(404);
      expect(res.body).toBe("fastify's own 404");
    }
  });
});

describe("methodview/fastify: methods", () => {
  class Files extends MethodView {
    get(ctx: RequestContext) {
      return { file: ctx.params.name ?? null };
    }

    @route(["PROPFIND"], "/:name")
    async describe(ctx: RequestContext) {
      return { propfind: ctx.params.name, body: await ctx.text() };
    }
  }

  it("routes a custom method the App serves (PROPFIND), and answers 405 for others Fastify knows", async () => {
    const { app } = silentApp();
    app.register("/files", Files);
    const { url } = await serve(app);
    const propfind = await send(url("/files/a.txt"), { method: "PROPFIND", body: "<propfind/>", headers: { "content-type": "application/xml" } });
    expect(propfind.status).toBe(200);
    expect(JSON.parse(propfind.body)).toEqual({ propfind: "a.txt", body: "<propfind/>" });
    const options = await send(url("/files/a.txt"), { method: "OPTIONS" });
    expect(options.headers.allow).toBe("OPTIONS, PROPFIND");
    const trace = await send(url("/files"), { method: "TRACE" });
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toBe("GET, HEAD, OPTIONS");
  });

  it("answers 405 with allow for a method node parses and neither the App nor Fastify knows (PROPFIND, PURGE, M-SEARCH), not Fastify's 404", async () => {
    const { app } = silentApp();
    app.register("/files", Files);
    const { url } = await serve(app);
    for (const method of ["PROPFIND", "PURGE", "M-SEARCH"]) {
      const res = await send(url("/files"), { method });
      expect(res.status, method).toBe(405);
      expect(res.headers["content-type"]).toBe(PROBLEM);
      expect(res.headers.allow).toBe("GET, HEAD, OPTIONS");
    }
  });

  it("answers HEAD from the view's table, once, with GET's Content-Length", async () => {
    const { app } = silentApp();
    const get = vi.fn(() => "twelve bytes");
    app.route("/counted", get);
    const { url } = await serve(app);
    const head = await send(url("/counted"), { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers["content-length"]).toBe("12");
    expect(get).toHaveBeenCalledTimes(1);
  });
});

describe("methodview/fastify: request bodies", () => {
  function bodyApp() {
    const { app, logger } = silentApp();
    app.route(
      "/parsed",
      async (ctx) => {
        const json = await ctx.json();
        const { request } = ctx.raw as FastifyRaw;
        return {
          sameObject: json === request.body,
          streamEnded: request.raw.readableEnded,
          json,
          text: await ctx.text(),
          request: await ctx.request.text(),
        };
      },
      { methods: ["POST"] },
    );
    app.route("/echo", async (ctx) => ({ echo: await ctx.json() }), { methods: ["POST"] });
    app.route("/echo-text", async (ctx) => ctx.text(), { methods: ["POST"] });
    app.route("/ignores-body", () => "fine", { methods: ["POST"] });
    return { app, logger };
  }

  it("leaves a JSON body unread for the view: ctx.json(), ctx.text() and ctx.request share the App's one read", async () => {
    const { app } = bodyApp();
    const { url } = await serve(app);
    const raw = '{ "a": [1, 2] }';
    const res = await postJson(url("/parsed"), raw);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ sameObject: false, streamEnded: true, json: { a: [1, 2] }, text: raw, request: raw });
  });

  it("keeps a JSON parser the host registered before the plugin", async () => {
    const { app } = bodyApp();
    const { url } = await serve(app, "/api", (fastify) => {
      fastify.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
        done(null, { parsedBy: "the host", length: (body as string).length });
      });
    });
    expect(JSON.parse((await postJson(url("/echo"), '{"a":1}')).body)).toEqual({ echo: { parsedBy: "the host", length: 7 } });
  });

  it("leaves a JSON body Fastify could not parse to the view: no error if ignored, the App's 400 if read", async () => {
    const { app } = bodyApp();
    const { url } = await serve(app);
    const refused = ['{"a":', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', ""];
    for (const body of refused) {
      const ignored = await postJson(url("/ignores-body"), body);
      expect([body, ignored.status, ignored.body]).toEqual([body, 200, "fine"]);
      const read = await postJson(url("/echo"), body);
      expect([body, read.status]).toEqual([body, 400]);
      expect(read.headers["content-type"]).toBe(PROBLEM);
    }
    expect(JSON.parse((await postJson(url("/echo"), "[1")).body).detail).toMatch(/^The request body is not valid JSON: /);
    expect(JSON.parse((await postJson(url("/echo"), "")).body).detail).toBe("The request body is empty; expected JSON");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const wrongMethod = await send(url("/echo"), { method: "PUT", body: "{", headers: { "content-type": JSON_TYPE } });
    expect(wrongMethod.status).toBe(405);
  });

  it("answers body errors in problem+json: past bodyLimit when the view reads, a malformed type before it", async () => {
    const { app } = bodyApp();
    const { url } = await serve(app);
    const cases: [string, string, string, number, string][] = [
      ["/echo", JSON.stringify({ big: "x".repeat(2000) }), JSON_TYPE, 413, "The request body is larger than the limit of 1024 bytes"],
      ["/echo-text", "x".repeat(2000), "text/plain", 413, "The request body is larger than the limit of 1024 bytes"],
      ["/ignores-body", "{}", "not a media type", 415, "The request's Content-Type is not a valid media type"],
    ];
    for (const [path, body, type, status, detail] of cases) {
      const res = await send(url(path), { method: "POST", body, headers: { "content-type": type } });
      expect([type, res.status]).toEqual([type, status]);
      expect(res.headers["content-type"]).toBe(PROBLEM);
      expect(JSON.parse(res.body)).toMatchObject({ type: "about:blank", status, detail });
    }
  });

  it("leaves types Fastify has no parser for to the App: ctx.text() reads them, ctx.json() answers 415", async () => {
    const { app } = bodyApp();
    const { url } = await serve(app);
    const xml = await send(url("/echo-text"), { method: "POST", body: "<a>é</a>", headers: { "content-type": "application/xml" } });
    expect(xml.status).toBe(200);
    expect(xml.body).toBe("<a>é</a>");
    const notJson = await send(url("/echo"), { method: "POST", body: "<a/>", headers: { "content-type": "application/xml" } });
    expect(notJson.status).toBe(415);
    expect(notJson.headers["content-type"]).toBe(PROBLEM);
    const plusJson = await postJson(url("/echo"), '{"data":{"id":"1"}}', "application/vnd.api+json");
    expect(JSON.parse(plusJson.body)).toEqual({ echo: { data: { id: "1" } } });
    const tooLarge = await send(url("/echo-text"), { method: "POST", body: "x".repeat(2000), headers: { "content-type": "application/xml" } });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers["content-type"]).toBe(PROBLEM);
    const text = await send(url("/echo-text"), { method: "POST", body: "plain é", headers: { "content-type": "text/plain; charset=utf-8" } });
    expect(text.body).toBe("plain é");
  });

  it("reads the stream a preParsing hook put in place of the request", async () => {
    const { app } = bodyApp();
    const { url } = await serve(app, "/api", (fastify) => {
      fastify.addHook("preParsing", async (request, _reply, payload) =>
        request.headers["content-encoding"] === "gzip" ? payload.pipe(createGunzip()) : payload,
      );
    });
    const res = await send(url("/echo-text"), {
      method: "POST",
      body: gzipSync("unzipped for the view"),
      headers: { "content-type": "application/octet-stream", "content-encoding": "gzip" },
    });
    expect(res.body).toBe("unzipped for the view");
  });
});

describe("methodview/fastify: response bodies", () => {
  it("streams with back-pressure and cancels the stream when the client goes away", async () => {
    const { app } = silentApp();
    let pulled = 0;
    let cancelled = false;
    const chunk = new Uint8Array(64 * 1024);
    app.route(
      "/firehose",
      () =>
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++;
            controller.enqueue(chunk);
          },
          cancel() {
            cancelled = true;
          },
        }),
    );
    const { url } = await serve(app);
    const req = httpRequest(url("/firehose"));
    req.on("error", () => undefined);
    const res = await new Promise<import("node:http").IncomingMessage>((resolve) => req.on("response", resolve).end());
    res.pause();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const whilePaused = pulled;
    await new Promise((resolve) => setTimeout(resolve, 200));
    // A client that reads nothing stops the stream once the buffers are full.
    expect(pulled).toBe(whilePaused);
    expect(pulled).toBeLessThan(500);
    req.destroy();
    expect(await eventually(async () => cancelled)).toBe(true);
  });

  it("logs a failing stream with app.logger: a 500 before its first chunk, a cut response after", async () => {
    const { app, logger } = silentApp();
    app.route("/fails-at-once", () =>
      (async function* () {
        await Promise.resolve();
        throw new Error("secret: broke at once");
        yield "never";
      })(),
    );
    app.route("/fails-later", () =>
      (async function* () {
        yield "partial";
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error("secret: broke later");
      })(),
    );
    const { url } = await serve(app);
    const atOnce = await send(url("/fails-at-once"));
    expect(atOnce.status).toBe(500);
    expect(atOnce.headers["content-type"]).toBe(PROBLEM);
    expect(atOnce.body).not.toContain("secret");
    await expect(send(url("/fails-later"))).rejects.toThrow();
    const messages = logger.error.mock.calls.map(([, error]) => (error as Error).message);
    expect(messages).toEqual(["secret: broke at once", "secret: broke later"]);
    expect((await send(url("/fails-at-once"))).status).toBe(500);
  });

  it.each([
    ["no onSend hook", false],
    ["an async onSend hook", true],
  ])("answers a bare 500 when the view's headers cannot be written, and logs why (%s)", async (_name, withHook) => {
    const { app, logger } = silentApp();
    app.route("/bad-header", () => ["body", 200, { "x-bad": "line\nbreak" }]);
    const { url } = await serve(app, "/api", (fastify) => {
      if (withHook) fastify.addHook("onSend", async () => undefined);
    });
    const res = await send(url("/bad-header"));
    expect(res.status).toBe(500);
    expect(res.headers["content-type"]).toBe(PROBLEM);
    expect(res.headers["x-bad"]).toBeUndefined();
    expect(res.body).not.toContain("x-bad");
    // The App refuses the header where the result becomes a response, before any host sees it.
    expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/not a valid HTTP response/), expect.any(TypeError));
  });

  it("sends the view's content type as it is, and repeated set-cookie headers", async () => {
    const { app } = silentApp();
    app.route("/cookies", () => ['{"a":1}', 201, { "content-type": "application/hal+json", "set-cookie": ["a=1", "b=2"] }]);
    const { url } = await serve(app, "/api", (fastify) => {
      fastify.addHook("onRequest", async (_request, reply) => {
        reply.header("set-cookie", "session=host");
      });
    });
    const res = await send(url("/cookies"));
    expect(res.status).toBe(201);
    expect(res.headers["content-type"]).toBe("application/hal+json");
    expect(res.headers["set-cookie"]).toEqual(["session=host", "a=1", "b=2"]);
  });
});
