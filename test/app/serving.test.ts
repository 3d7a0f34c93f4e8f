import { request as nodeRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { App, MethodView, type RequestContext } from "../../src/index.js";
import { deferred, httpRequest, servers } from "./support.js";

const serve = servers();

class Notes extends MethodView {
  get(ctx: RequestContext) {
    return { note: ctx.query.get("id"), raw: ctx.raw === undefined ? "none" : "present" };
  }
  async post(ctx: RequestContext) {
    return [{ saved: await ctx.json() }, 201, { location: "/notes/1" }];
  }
}

function notesApp() {
  const app = new App();
  app.register("/notes", Notes);
  return app;
}

describe("app.fetch()", () => {
  it("serves a WHATWG Request and returns a Response", async () => {
    const response = await notesApp().fetch(new Request("http://example.test/notes?id=4"));
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ note: "4", raw: "present" });
  });

  it("is bound, so it can be handed to a Fetch runtime as it is", async () => {
    const { fetch: handler } = notesApp();
    expect((await handler(new Request("http://example.test/notes"))).status).toBe(200);
  });

  it("strips the body of a HEAD response and keeps its content-length", async () => {
    const response = await notesApp().fetch(new Request("http://example.test/notes?id=4", { method: "HEAD" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(JSON.stringify({ note: "4", raw: "present" }).length));
    expect(await response.text()).toBe("");
  });
});

describe("app.request()", () => {
  it("takes a path and RequestInit", async () => {
    const response = await notesApp().request("/notes", { method: "POST", body: '{"t":"hi"}', headers: { "content-type": "application/json" } });
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe("/notes/1");
    expect(await response.json()).toEqual({ saved: { t: "hi" } });
  });

  it("takes a Request", async () => {
    const response = await notesApp().request(new Request("http://localhost/notes?id=9"));
    expect(await response.json()).toMatchObject({ note: "9" });
  });
});

describe("app.listen()", () => {
  it("serves over HTTP on a free port and returns its url", async () => {
    const server = await serve.listen(notesApp());
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const response = await fetch(`${server.url}/notes?id=1`);
    expect(await response.json()).toEqual({ note: "1", raw: "present" });
  });
});

describe("toNodeListener()", () => {
  it("serves an App on a plain node:http server, with { req, res } as ctx.raw", async () => {
    const app = new App();
    app.route("/raw", (ctx) => {
      const { req, res } = ctx.raw as { req: { url: string }; res: { writableEnded: boolean } };
      return { url: req.url, ended: res.writableEnded };
    });
    const { url } = await serve.node(app);
    const response = await fetch(`${url}/raw?x=1`);
    expect(await response.json()).toEqual({ url: "/raw?x=1", ended: false });
  });

  it("strips the body of a HEAD response and keeps its content-length", async () => {
    const app = new App();
    app.route("/page", () => "<h1>héllo</h1>");
    const { url } = await serve.node(app);
    const head = await httpRequest(`${url}/page`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength("<h1>héllo</h1>")));
    expect(head.body).toBe("");
    const get = await httpRequest(`${url}/page`);
    expect(get.body).toBe("<h1>héllo</h1>");
  });

  it("aborts ctx.signal when the client goes away mid-request", async () => {
    const app = new App();
    const waiting = deferred();
    const outcome = deferred<{ aborted: boolean; reason: string }>();
    app.route("/wait", (ctx) => {
      const { signal } = ctx;
      return new Promise((resolve) => {
        signal.addEventListener("abort", () => {
          outcome.resolve({ aborted: signal.aborted, reason: (signal.reason as Error).name });
          resolve("too late");
        });
        waiting.resolve();
      });
    });
    const { url } = await serve.node(app);
    const client = nodeRequest(`${url}/wait`);
    client.on("error", () => undefined);
    client.end();
    await waiting.promise;
    client.destroy();
    expect(await outcome.promise).toEqual({ aborted: true, reason: "AbortError" });
  });

  it("leaves ctx.signal alone for a request that completes", async () => {
    const app = new App();
    const signals: AbortSignal[] = [];
    app.route("/", (ctx) => {
      signals.push(ctx.signal);
      return "done";
    });
    const { url } = await serve.node(app);
    expect(await (await fetch(url)).text()).toBe("done");
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(false);
  });
});
