import { validate } from "@readme/openapi-parser";
import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { App, Blueprint, MethodView, get, type Logger, type StandardSchemaV1 } from "../../src/index.js";
import { openapi, type OpenApiDocument } from "../../src/openapi/index.js";
import { createApp, type RestApi } from "../../examples/rest-api/app.js";
import { everyOptionApp, warnings } from "./every-option-app.js";

const info = { title: "Test", version: "1.0.0" };

/** What the real OpenAPI 3.1 validator says; it is given a copy, since it dereferences in place. */
async function validation(document: unknown): Promise<{ valid: boolean; errors?: unknown }> {
  return (await validate(structuredClone(document) as never)) as { valid: boolean; errors?: unknown };
}

type Operation = Record<string, unknown> & {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown>; description?: string }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { $ref?: string; description?: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
};

function operation(document: OpenApiDocument, path: string, method: string): Operation {
  const found = document.paths[path]?.[method];
  if (found === undefined) throw new Error(`no ${method} ${path} in ${Object.keys(document.paths).join(", ")}`);
  return found as Operation;
}

function quietApp(): { app: App; said: string[] } {
  const said: string[] = [];
  const logger: Logger = { error: () => undefined, warn: (message) => void said.push(message) };
  return { app: new App({ logger }), said };
}

describe("openapi(app, options) on an App that uses every route option", () => {
  let document: OpenApiDocument;

  beforeAll(() => {
    warnings.length = 0;
    document = openapi(everyOptionApp(), { info, servers: [{ url: "https://api.example.com", description: "production" }] });
  });

  it("validates with a real OpenAPI 3.1 validator", async () => {
    expect(document.openapi).toBe("3.1.0");
    expect(await validation(document)).toMatchObject({ valid: true });
  });

  it("keeps info and servers as given", () => {
    expect(document.info).toEqual(info);
    expect(document.servers).toEqual([{ url: "https://api.example.com", description: "production" }]);
  });

  it("writes path templates: /:id as /{id}, a regular expression as the pattern, a trailing * as {*}", () => {
    expect(Object.keys(document.paths)).toEqual([
      "/items",
      "/items/{id}",
      "/items/{id}/note",
      "/upload",
      "/search",
      "/folders",
      "/dated",
      "/files/{*}",
      "/orders/{id}",
      "/ping",
    ]);
    expect(operation(document, "/orders/{id}", "get").parameters).toEqual([{ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^\\d+$" } }]);
    const [wildcard] = operation(document, "/files/{*}", "get").parameters!;
    expect(wildcard).toMatchObject({ name: "*", in: "path", required: true, schema: { type: "string" } });
    expect(wildcard!.description).toMatch(/rest of the path/);
  });

  it("lists every method, but not the HEAD added for a GET nor the automatic OPTIONS", () => {
    expect(Object.keys(document.paths["/items"]!)).toEqual(["get", "post"]);
    expect(Object.keys(document.paths["/ping"]!)).toEqual(["get", "post"]);
    // Declared by the view: @head and @options handlers.
    expect(Object.keys(document.paths["/items/{id}"]!)).toEqual(["get", "head", "put", "delete", "options"]);
  });

  it("gives every operation a unique operationId, from the endpoint unless declared", () => {
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => (op as Operation).operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(operation(document, "/items", "post").operationId).toBe("createItem");
    expect(operation(document, "/items/{id}", "get").operationId).toBe("Items_id_get");
    expect(operation(document, "/search", "get").operationId).toBe("search_get");
    expect(operation(document, "/ping", "post").operationId).toBe("ping_post");
  });

  it("takes tags from the view class unless given, and summary, description and deprecated from the options", () => {
    const list = operation(document, "/items", "get");
    expect(list).toMatchObject({ tags: ["Items"], summary: "List items", description: "Every item, a page at a time." });
    expect(operation(document, "/items", "post").tags).toEqual(["items", "writes"]);
    expect(operation(document, "/upload", "post").tags).toEqual(["Upload"]);
    expect(operation(document, "/search", "get").tags).toBeUndefined();
    expect(operation(document, "/items/{id}", "delete")).toMatchObject({ deprecated: true, summary: "Delete an item (use archive)" });
    expect(operation(document, "/items/{id}", "get").deprecated).toBeUndefined();
    expect(document.tags).toEqual([{ name: "Items" }, { name: "items" }, { name: "writes" }, { name: "Upload" }]);
  });

  it("makes one parameter per property of the params, query and headers schemas, required as they say", () => {
    expect(operation(document, "/items", "get").parameters).toEqual([
      { name: "page", in: "query", required: false, description: "The page, from 1", schema: expect.objectContaining({ type: "integer", description: "The page, from 1" }) },
      { name: "tag", in: "query", required: false, schema: { type: "array", items: { type: "string" } } },
    ]);
    expect(operation(document, "/items", "post").parameters).toEqual([
      { name: "x-api-key", in: "header", required: true, schema: expect.objectContaining({ type: "string", pattern: "^key-.*" }) },
      { name: "x-trace", in: "header", required: false, schema: { type: "string" } },
    ]);
    const [id] = operation(document, "/items/{id}", "get").parameters!;
    expect(id).toMatchObject({ name: "id", in: "path", required: true, description: "The item's id", schema: { type: "integer" } });
    // arktype: the input side of a parsing schema is a string of digits.
    expect(operation(document, "/items/{id}", "put").parameters![0]!.schema).toMatchObject({ type: "string", pattern: expect.any(String) });
  });

  it("writes the request body from the body schema's input side: JSON, or multipart/form-data when it has a file", () => {
    const body = operation(document, "/items", "post").requestBody!;
    expect(Object.keys(body.content)).toEqual(["application/json"]);
    // zod's input side: tags has a default, so it is not required.
    expect(body.content["application/json"]!.schema).toMatchObject({ type: "object", required: ["name"] });
    const upload = operation(document, "/upload", "post").requestBody!;
    expect(Object.keys(upload.content)).toEqual(["multipart/form-data"]);
    expect(upload.content["multipart/form-data"]!.schema).toMatchObject({ properties: { file: { type: "string", format: "binary" } } });
  });

  it("writes the declared responses from the output side, with their descriptions", () => {
    const create = operation(document, "/items", "post").responses;
    expect(create["201"]).toEqual({ description: "The new item", content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } });
    expect(create["409"]).toEqual({ description: "The name is taken" });
    expect(operation(document, "/items/{id}", "put").responses["204"]).toEqual({ description: "Replaced" });
    expect(operation(document, "/upload", "post").responses["201"]!.content!["application/json"]!.schema).toMatchObject({ properties: { bytes: { type: "number" } } });
    expect(operation(document, "/ping", "get").responses).toEqual({ default: { description: "The operation declares no responses." } });
  });

  it("adds the problem+json answers the App gives: 400, 413, 415 with a body, 422 with any schema", () => {
    const refs = (op: Operation) => Object.fromEntries(Object.entries(op.responses).flatMap(([status, r]) => (r.$ref === undefined ? [] : [[status, r.$ref]])));
    expect(refs(operation(document, "/items", "post"))).toEqual({
      "400": "#/components/responses/BadRequest",
      "413": "#/components/responses/ContentTooLarge",
      "415": "#/components/responses/UnsupportedMediaType",
      "422": "#/components/responses/ValidationFailed",
    });
    expect(refs(operation(document, "/items", "get"))).toEqual({ "422": "#/components/responses/ValidationFailed" });
    expect(refs(operation(document, "/folders", "get"))).toEqual({});
    expect(Object.keys(document.components.responses)).toEqual(["BadRequest", "MethodNotAllowed", "ContentTooLarge", "UnsupportedMediaType", "ValidationFailed"]);
    for (const response of Object.values(document.components.responses)) {
      expect(response).toMatchObject({ content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });
    }
    expect(document.components.responses.MethodNotAllowed).toMatchObject({ headers: { Allow: { schema: { type: "string" } } } });
  });

  it("has one Problem component: RFC 9457's members, and the App's code and errors", () => {
    const problem = document.components.schemas.Problem as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(problem.properties)).toEqual(["type", "title", "status", "detail", "instance", "code", "errors"]);
    expect(problem.required).toEqual(["type", "title", "status"]);
    expect(Object.keys(document.components.schemas).filter((name) => name.startsWith("Problem"))).toEqual(["Problem"]);
  });

  it("places shared, named and recursive schemas once under components/schemas", () => {
    const { schemas } = document.components;
    expect(Object.keys(schemas).sort()).toEqual(["FoldersGetResponse200", "Item", "Problem", "Tag", "TagInput"]);
    // Item: a title, used by two responses; Tag: zod's id, its input side apart since it differs.
    expect(operation(document, "/items/{id}", "get").responses["200"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/Item" });
    expect(schemas.Item).toMatchObject({ title: "Item", properties: { tags: { items: { $ref: "#/components/schemas/Tag" } } } });
    expect(schemas.Tag).toMatchObject({ additionalProperties: false, description: "A label" });
    expect(schemas.TagInput).not.toHaveProperty("additionalProperties");
    // A recursive schema refers to its component, not to the document's root.
    expect(schemas.FoldersGetResponse200).toMatchObject({ properties: { children: { items: { $ref: "#/components/schemas/FoldersGetResponse200" } } } });
    expect(JSON.stringify(document)).not.toMatch(/"\$ref":"#(\/\$defs[^"]*)?"/);
    expect(JSON.stringify(document)).not.toContain('"$schema"');
  });

  it("documents a schema it cannot convert as {}, with one clear warning each", () => {
    expect(operation(document, "/dated", "get").responses["200"]!.content!["application/json"]!.schema).toEqual({});
    expect(operation(document, "/items/{id}/note", "patch").requestBody!.content["application/json"]!.schema).toEqual({});
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^openapi\(\): Items\.note\(\) \(PATCH \/items\/:id\/note\): the body schema cannot be converted to JSON Schema \(valibot schema has no Standard JSON Schema converter.*@valibot\/to-json-schema/);
    expect(warnings[1]).toMatch(/the response 200 schema cannot be converted to JSON Schema \(zod could not convert it: Date cannot be represented in JSON Schema\); it is documented as \{\}$/);
  });
});

describe("openapi(app, options)", () => {
  let api: RestApi;

  beforeAll(async () => {
    api = await createApp();
  }, 90_000);
  afterAll(() => api?.close());

  it("documents the REST example: valid OpenAPI 3.1, every operation, its named schemas", async () => {
    const document = openapi(api.app, { info });
    expect(await validation(document)).toMatchObject({ valid: true });
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations).toEqual([
      "GET /users/{id}",
      "PATCH /users/{id}",
      "DELETE /users/{id}",
      "GET /users/",
      "POST /users/",
      "GET /stories/{id}",
      "PATCH /stories/{id}",
      "DELETE /stories/{id}",
      "GET /stories/",
      "POST /stories/",
      "GET /outbox",
    ]);
    expect(Object.keys(document.components.schemas)).toEqual(["Problem", "User", "Story"]);
    expect(operation(document, "/users/", "post").responses["201"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/User" });
  });

  it("builds at call time: a rule added later is in the next document", () => {
    const { app } = quietApp();
    app.route("/a", () => null);
    expect(Object.keys(openapi(app, { info }).paths)).toEqual(["/a"]);
    app.route("/b", () => null);
    expect(Object.keys(openapi(app, { info }).paths)).toEqual(["/a", "/b"]);
  });

  it("documents a blueprint's rules under its prefix, with its endpoints", async () => {
    class Users extends MethodView {
      @get({ summary: "List the users", responses: { 200: z.array(z.object({ id: z.number() })) } })
      get() {
        return [];
      }
    }
    const { app } = quietApp();
    const admin = new Blueprint("admin", { urlPrefix: "/admin" });
    admin.register("/users", Users);
    app.registerBlueprint(admin);
    const document = openapi(app, { info });
    expect(operation(document, "/admin/users", "get")).toMatchObject({ operationId: "admin.Users_get", tags: ["Users"], summary: "List the users" });
    expect(await validation(document)).toMatchObject({ valid: true });
  });

  it("puts a host's mount prefix in front of every path", async () => {
    const { app } = quietApp();
    app.route("/users/:id", () => null, { endpoint: "user" });
    app.route("/", () => null, { endpoint: "home" });
    const document = openapi(app, { info, prefix: "/api/" });
    expect(Object.keys(document.paths)).toEqual(["/api/users/{id}", "/api/"]);
    expect(await validation(document)).toMatchObject({ valid: true });
  });

  it("converts zod, arktype and valibot (through @valibot/to-json-schema) alike", () => {
    const { app, said } = quietApp();
    // Typed as plain Standard Schemas: the handlers' inferred contexts would be too deep for tsc here.
    const bodies: Record<string, StandardSchemaV1> = {
      "/zod": z.object({ n: z.number().int() }),
      "/arktype": type({ n: "number.integer" }),
      "/valibot": toStandardJsonSchema(v.object({ n: v.pipe(v.number(), v.integer()) })),
    };
    for (const [path, body] of Object.entries(bodies)) app.route(path, () => null, { methods: ["POST"], body });
    const document = openapi(app, { info });
    for (const path of ["/zod", "/arktype", "/valibot"]) {
      expect(operation(document, path, "post").requestBody!.content["application/json"]!.schema, path).toMatchObject({
        type: "object",
        properties: { n: { type: "integer" } },
        required: ["n"],
      });
    }
    expect(said).toEqual([]);
  });

  it("never crashes on a converter that throws or returns no object: one warning, and {}", () => {
    const { app, said } = quietApp();
    const broken = (result: () => unknown) => ({
      "~standard": { version: 1 as const, vendor: "broken", validate: (value: unknown) => ({ value }), jsonSchema: { input: result, output: result } },
    });
    const throwing = broken(() => {
      throw new RangeError("no");
    });
    app.route("/a", () => null, { methods: ["POST"], body: throwing, responses: { 200: throwing } });
    app.route("/b", () => null, { methods: ["POST"], body: throwing, query: broken(() => "text") });
    const document = openapi(app, { info });
    expect(operation(document, "/a", "post").requestBody!.content["application/json"]!.schema).toEqual({});
    expect(operation(document, "/b", "post").parameters).toBeUndefined();
    // One per schema and side: the body's input twice used, its output, the query's input.
    expect(said).toEqual([
      expect.stringMatching(/"\/a" \(POST \/a\): the body schema cannot be converted to JSON Schema \(broken could not convert it: no\)/),
      expect.stringMatching(/the response 200 schema cannot be converted/),
      expect.stringMatching(/"\/b" \(POST \/b\): the query schema cannot be converted to JSON Schema \(broken converted it to string, not a JSON Schema object\)/),
    ]);
  });

  it("shares a component between the two sides only when all it refers to is the same", () => {
    const { app } = quietApp();
    const sides = (t: string) => () => ({ title: "W", type: "object", properties: { t: { $ref: "#/$defs/T" } }, $defs: { T: { type: t } } });
    const schema = {
      "~standard": { version: 1 as const, vendor: "fake", validate: (value: unknown) => ({ value }), jsonSchema: { input: sides("string"), output: sides("number") } },
    };
    app.route("/w", () => null, { methods: ["POST"], body: schema, responses: { 200: schema } });
    const document = openapi(app, { info });
    // The body comes first, yet the output side keeps the plain names.
    expect(operation(document, "/w", "post").requestBody!.content["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/WInput" });
    expect(operation(document, "/w", "post").responses["200"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/W" });
    const { W, WInput, T, TInput } = document.components.schemas;
    expect([W, WInput, T, TInput]).toEqual([
      { title: "W", type: "object", properties: { t: { $ref: "#/components/schemas/T" } } },
      { title: "W", type: "object", properties: { t: { $ref: "#/components/schemas/TInput" } } },
      { type: "number" },
      { type: "string" },
    ]);
  });

  it("says when a query schema is no object of properties, and documents no parameter for it", () => {
    const { app, said } = quietApp();
    app.route("/q", () => null, { query: z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]) });
    expect(operation(openapi(app, { info }), "/q", "get").parameters).toBeUndefined();
    expect(said).toEqual([expect.stringMatching(/the query schema is not an object schema with properties/)]);
  });

  it("refuses two operations with the same declared operationId, naming both", () => {
    class A extends MethodView {
      @get({ operationId: "same" })
      get() {
        return null;
      }
    }
    const { app } = quietApp();
    app.register("/a", A);
    app.route("/b", () => null, { operationId: "same" });
    expect(() => openapi(app, { info })).toThrow(/^openapi\(\): the operationId "same" of GET \/b is taken by GET \/a; an operationId names one operation$/);
  });

  it("gives a generated operationId that collides a suffix, and a declared one the name", () => {
    const { app } = quietApp();
    app.route("/x", () => null, { endpoint: "x" });
    app.route("/y", () => null, { endpoint: "y", operationId: "x_get" });
    app.route("/z", () => null, { endpoint: "x.get" });
    app.get("/shortcut/:id", () => null);
    const document = openapi(app, { info });
    expect([operation(document, "/x", "get").operationId, operation(document, "/y", "get").operationId, operation(document, "/z", "get").operationId]).toEqual([
      "x_get_2",
      "x_get",
      "x.get_get",
    ]);
    // app.get()'s endpoint "GET /shortcut/:id" does not say the method twice.
    expect(operation(document, "/shortcut/{id}", "get").operationId).toBe("shortcut_id_get");
  });

  it("refuses options without info, naming what is expected", () => {
    const { app } = quietApp();
    expect(() => openapi(app, {} as never)).toThrow(/^openapi\(app, options\): info must be an object with a string title and a string version/);
    expect(() => openapi(app, { info, servers: ["x"] } as never)).toThrow(TypeError);
    expect(() => openapi(app, { info, prefix: "api" })).toThrow(/prefix must be a path starting with "\/"/);
  });
});

describe("the validator the tests use", () => {
  let document: OpenApiDocument;
  beforeEach(() => {
    const { app } = quietApp();
    app.route("/users/:id", () => null, { endpoint: "user" });
    document = openapi(app, { info });
  });

  it("rejects a document whose path parameter is not declared", async () => {
    expect(await validation(document)).toMatchObject({ valid: true });
    delete operation(document, "/users/{id}", "get").parameters;
    expect(await validation(document)).toMatchObject({ valid: false });
  });
});
