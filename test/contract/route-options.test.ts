import ts from "typescript";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as lib from "../../src/index.js";
import { App, MethodView, View, ValidationError, get, post, route, type Valid } from "../../src/index.js";
import { ROUTES_METADATA } from "../../src/host/index.js";
import { FetchSource } from "../../src/app/fetch/fetch-source.js";
import { isThenable } from "../../src/core/thenable.js";

const Paging = z.object({ page: z.coerce.number().int().min(1).default(1) });
const Item = z.object({ name: z.string().min(1) });

function handle(app: App, path: string, init?: RequestInit) {
  return app.handle(new FetchSource(new Request(new URL(path, "http://localhost"), init)));
}

describe("route options at mount time", () => {
  it("refuses a body that is not a Standard Schema, naming the class, the handler, the route and the input", () => {
    class Items extends MethodView {
      @post({ body: { parse: () => 1 } as never })
      create() {
        return null;
      }
    }
    expect(() => new App().register("/items", Items)).toThrow(TypeError);
    expect(() => new App().register("/items", Items)).toThrow(/^Items\.create\(\) \(POST \/items\): the body schema must be a Standard Schema v1/);
  });

  it.each([
    ["an unknown option", { bdy: Item }, /unknown option "bdy"/],
    ["a response keyed by a non-status", { responses: { ok: Item } }, /responses\["ok"\] must be keyed by a status code/],
    ["a response that is no schema", { responses: { 200: 5 } }, /responses\[200\] must be a Standard Schema v1 or \{ schema, description \}/],
    ["tags that are not strings", { tags: [1] }, /tags must be an array of strings/],
    ["a query schema that is a zod-like object without ~standard", { query: { safeParse() {} } }, /the query schema must be a Standard Schema v1/],
  ])("refuses %s with a TypeError", (_what, options, message) => {
    const app = new App();
    const register = () => app.route("/x", function list() { return null; }, options as never);
    expect(register).toThrow(TypeError);
    expect(register).toThrow(message);
  });

  it("names a View's static schemas, and app.route's handler", () => {
    class Upload extends View {
      static override methods = ["POST"];
      static override schemas = { headers: "x-token" as never };
      dispatchRequest() {
        return null;
      }
    }
    expect(() => new App().register("/upload", Upload)).toThrow(/^Upload\.schemas \(POST \/upload\): the headers schema/);
    expect(() => new App().route("/x", function search() { return null; }, { query: 1 as never })).toThrow(/^search\(\) \(GET \/x\): the query schema/);
  });

  it("refuses static schemas on a MethodView, whose handlers declare their own", () => {
    class Items extends MethodView {
      static override schemas = { query: Paging };
      get() {
        return null;
      }
    }
    expect(() => new App().register("/items", Items)).toThrow(/Items: a MethodView declares its schemas per handler/);
  });

  it("refuses options that are not an object when decorating", () => {
    expect(() => get("/x", 5 as never)).toThrow(/@get: the options must be an object/);
    expect(() => route(["GET"], "/x", [] as never)).toThrow(/@route: the options must be an object/);
  });

  it("keeps each method's compiled contract on the rule, with what a document builder reads", () => {
    class Items extends MethodView {
      @get({ query: Paging, summary: "List", tags: ["items"], operationId: "listItems", deprecated: true })
      list() {
        return [];
      }
      @post({ body: Item, responses: { 201: { schema: Item, description: "Created" }, 204: Item } })
      create() {
        return null;
      }
    }
    const app = new App();
    app.register("/items", Items);
    const rule = app.urlRules()[0]!;
    const contracts = rule.contracts!;
    expect(Object.keys(contracts).sort()).toEqual(["GET", "HEAD", "POST"]);
    expect(contracts.HEAD).toBe(contracts.GET);
    expect(contracts.GET!.options).toMatchObject({ summary: "List", tags: ["items"], operationId: "listItems", deprecated: true, query: Paging });
    expect([...contracts.POST!.responses.values()]).toEqual([
      { status: 201, schema: Item, description: "Created" },
      { status: 204, schema: Item, description: undefined },
    ]);
    expect(contracts.POST!.route).toBe("Items.create() (POST /items)");
  });
});

describe("validation at request time", () => {
  class Items extends MethodView {
    @get({ query: Paging })
    list(ctx: Valid<{ query: typeof Paging }>) {
      return { page: ctx.valid.query.page };
    }
  }

  it("stays on the promise-free path for sync schemas and no body", () => {
    const app = new App();
    app.register("/items", Items);
    const ok = handle(app, "/items?page=3");
    expect(isThenable(ok)).toBe(false);
    expect(ok).toMatchObject({ status: 200, body: '{"page":3}' });
    const bad = handle(app, "/items?page=0");
    expect(isThenable(bad)).toBe(false);
    expect(bad).toMatchObject({ status: 422 });
  });

  it("reads nothing from metadata per request: options changed after mounting change nothing", async () => {
    const app = new App();
    app.register("/items", Items);
    Reflect.defineMetadata(ROUTES_METADATA, [{ methods: ["GET"], path: "", options: { query: z.object({ page: z.literal("never") }) } }], Items.prototype.list);
    expect((await app.request("/items?page=2")).status).toBe(200);
  });

  it("lets an error handler reshape a ValidationError, which carries every issue", async () => {
    const app = new App();
    app.route("/pair", (ctx) => ctx.valid.query, { query: z.object({ a: z.string(), b: z.string() }) });
    app.errorHandler(ValidationError, (error) => [{ problems: error.issues.map((issue) => issue.path) }, 400]);
    const res = await app.request("/pair");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ problems: ["/a", "/b"] });
  });

  it("takes the same options on app.addUrlRule and a View's static schemas", async () => {
    class Echo extends View {
      static override methods = ["POST"];
      static override schemas = { body: Item };
      dispatchRequest(ctx: Valid<{ body: typeof Item }>) {
        return { echoed: ctx.valid.body.name };
      }
    }
    const app = new App();
    app.register("/echo", Echo);
    app.addUrlRule("/h", { viewFunc: (ctx) => ctx.headers.get("x-n"), headers: z.object({ "x-n": z.string().regex(/^\d+$/) }) });
    const post = (body: string) => app.request("/echo", { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(await (await post('{"name":"a"}')).json()).toEqual({ echoed: "a" });
    expect((await post('{"name":""}')).status).toBe(422);
    expect((await app.request("/h", { headers: { "x-n": "12" } })).status).toBe(200);
    expect(await (await app.request("/h", { headers: { "x-n": "twelve" } })).json()).toMatchObject({ errors: [{ in: "headers", path: "/x-n" }] });
  });

  it("leaves responses unchecked unless validateResponses is on (the default is off)", async () => {
    const declared = { responses: { 200: z.object({ id: z.number() }) } };
    const loose = new App();
    loose.route("/r", () => ({ id: "x" }), declared);
    expect((await loose.request("/r")).status).toBe(200);
    const strict = new App({ validateResponses: true, logger: { error: () => undefined, warn: () => undefined } });
    strict.route("/r", () => ({ id: "x" }), declared);
    strict.route("/ok", () => ({ id: 1 }), declared);
    strict.route("/text", () => "not JSON", declared);
    expect((await strict.request("/r")).status).toBe(500);
    expect((await strict.request("/ok")).status).toBe(200);
    expect((await strict.request("/text")).status).toBe(200);
  });
});

const MODES = [true, false].map((experimentalDecorators) => ({ mode: experimentalDecorators ? "experimentalDecorators" : "TC39 decorators", experimentalDecorators }));
const FIXTURE = `
class Items extends MethodView {
  @get("/:id", { params: Id }) show(ctx) { return { id: ctx.valid.params.id }; }
  @post({ body: Item }) create(ctx) { return [ctx.valid.body, 201]; }
  @route(["PUT"], "/:id", { params: Id, body: Item }) replace(ctx) { return { id: ctx.valid.params.id, ...ctx.valid.body }; }
}`;

describe.each(MODES)("route options under $mode", ({ experimentalDecorators }) => {
  it("validate the same way", async () => {
    const { outputText } = ts.transpileModule(FIXTURE, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, experimentalDecorators },
    });
    const define = new Function("lib", "Id", "Item", `const { MethodView, get, post, route } = lib;\n${outputText}\nreturn Items;`);
    const app = new App();
    app.register("/items", define(lib, z.object({ id: z.coerce.number() }), Item) as lib.ViewClass);
    const send = (method: string, path: string, body?: unknown) =>
      app.request(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect(await (await send("GET", "/items/4")).json()).toEqual({ id: 4 });
    expect((await send("GET", "/items/x")).status).toBe(422);
    expect((await send("POST", "/items", { name: "a" })).status).toBe(201);
    expect((await send("POST", "/items", { name: 1 })).status).toBe(422);
    expect(await (await send("PUT", "/items/2", { name: "b" })).json()).toEqual({ id: 2, name: "b" });
  });
});
