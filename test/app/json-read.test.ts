import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, type RequestContext } from "../../src/index.js";
import { targets } from "../adapters/targets.js";
import { silentLogger } from "./support.js";

// `ctx.json()` called first reads the body and parses it in one step (the host's read hands
// the bytes straight to the parse): these cases pin that the bytes stay there for
// `ctx.body()`, `ctx.text()` and `ctx.request`, in any order and at once, that bad JSON in a
// good body leaves the bytes readable, and that a failed read fails every reader alike.

function statusOf(reason: unknown): unknown {
  return (reason as { status?: unknown }).status ?? String(reason);
}

function readerApp(): App {
  const app = new App({ logger: silentLogger(), bodyLimit: 64 });
  const post = { methods: ["POST"] };
  app.route(
    "/json-then-body",
    async (ctx: RequestContext) => {
      const value = await ctx.json();
      const bytes = await ctx.body();
      return { value, length: bytes.byteLength, text: await ctx.text() };
    },
    post,
  );
  app.route(
    "/all-at-once",
    async (ctx: RequestContext) => {
      const [value, bytes, text] = await Promise.all([ctx.json(), ctx.body(), ctx.text()]);
      return { value, length: bytes.byteLength, text, again: (await ctx.json()) === value };
    },
    post,
  );
  app.route(
    "/body-then-json",
    async (ctx: RequestContext) => {
      const bytes = await ctx.body();
      return { length: bytes.byteLength, value: await ctx.json() };
    },
    post,
  );
  app.route(
    "/bad-json",
    async (ctx: RequestContext) => {
      const json = await ctx.json().then(
        () => "parsed",
        (error: unknown) => statusOf(error),
      );
      return { json, text: await ctx.text(), length: (await ctx.body()).byteLength };
    },
    post,
  );
  app.route(
    "/too-large",
    async (ctx: RequestContext) => {
      const settled = await Promise.allSettled([ctx.json(), ctx.body(), ctx.text()]);
      return { statuses: settled.map((result) => (result.status === "rejected" ? statusOf(result.reason) : "read")) };
    },
    post,
  );
  app.route(
    "/request-after-json",
    async (ctx: RequestContext) => {
      const value = await ctx.json();
      return { value, text: await ctx.request.text() };
    },
    post,
  );
  return app;
}

const hosts: { name: string; serve: (app: App) => Promise<{ post: (path: string, body: string) => Promise<Response>; close: () => Promise<void> }> }[] = [
  ...targets.map((target) => ({
    name: target.name,
    async serve(app: App) {
      const { url, close } = await target.serve(app);
      return {
        post: (path: string, body: string) => fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body }),
        close,
      };
    },
  })),
  {
    name: "app.request()",
    serve: async (app: App) => ({
      post: (path: string, body: string) => app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body }),
      close: async () => undefined,
    }),
  },
];

describe.each(hosts)("ctx.json() and the other body readers on $name", ({ serve }) => {
  const app = readerApp();
  let post: (path: string, body: string) => Promise<Response>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ post, close } = await serve(app));
  });

  afterAll(async () => {
    await close();
    await app.close();
  });

  it("keeps the bytes for ctx.body() and ctx.text() after ctx.json()", async () => {
    const response = await post("/json-then-body", '{"a":[1,2]}');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ value: { a: [1, 2] }, length: 11, text: '{"a":[1,2]}' });
  });

  it("shares one read between readers started at once, json() first", async () => {
    const response = await post("/all-at-once", '{"b":true}');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ value: { b: true }, length: 10, text: '{"b":true}', again: true });
  });

  it("parses the bytes ctx.body() read first", async () => {
    expect(await (await post("/body-then-json", '{"c":3}')).json()).toEqual({ length: 7, value: { c: 3 } });
  });

  it("leaves a body whose JSON is bad readable as bytes and text", async () => {
    const response = await post("/bad-json", "{not json");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ json: 400, text: "{not json", length: 9 });
  });

  it("fails every reader with the 413 of a body past the limit", async () => {
    const response = await post("/too-large", JSON.stringify({ long: "x".repeat(100) }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ statuses: [413, 413, 413] });
  });

  it("gives ctx.request the body ctx.json() read", async () => {
    expect(await (await post("/request-after-json", '{"d":4}')).json()).toEqual({ value: { d: 4 }, text: '{"d":4}' });
  });
});
