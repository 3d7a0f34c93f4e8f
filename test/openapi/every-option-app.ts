import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { z } from "zod";
import { App, MethodView, View, del, get, head, options, post, put, route, type Logger } from "../../src/index.js";

/** A tag list of its own, named: it becomes components/schemas/Tag. */
export const Tag = z.object({ name: z.string().min(1) }).meta({ id: "Tag", description: "A label" });
/** Shared by two responses, unnamed: one component, named from its title. */
export const Item = z.object({ id: z.number().int(), name: z.string(), tags: z.array(Tag) }).meta({ title: "Item" });
/** Shared by two operations, with no title: named from its first use. */
export const Paging = z.object({
  page: z.coerce.number().int().min(1).default(1).describe("The page, from 1"),
  tag: z.array(z.string()).optional(),
});
/** A recursive schema: it refers to itself. */
export interface Folder {
  name: string;
  children: Folder[];
}
export const FolderSchema: z.ZodType<Folder> = z.object({
  name: z.string(),
  get children() {
    return z.array(FolderSchema);
  },
});
/** A schema zod cannot convert (a Date): one warning, and `{}`. */
export const Dated = z.object({ at: z.date() });
/** A valibot schema without the converter: one warning, and `{}`. */
export const Plain = v.object({ note: v.string() });

/** Every warning `openapi()` gave, through the App's logger. */
export const warnings: string[] = [];
const logger: Logger = { error: () => undefined, warn: (message) => void warnings.push(message) };

class Items extends MethodView {
  @get({ query: Paging, summary: "List items", description: "Every item, a page at a time.", responses: { 200: z.array(Item) } })
  list() {
    return [];
  }

  @post({
    body: z.object({ name: z.string().min(1), tags: z.array(Tag).default([]) }),
    headers: z.object({ "x-api-key": z.string().startsWith("key-"), "x-trace": z.string().optional() }),
    responses: { 201: { schema: Item, description: "The new item" }, 409: { description: "The name is taken" } },
    operationId: "createItem",
    tags: ["items", "writes"],
  })
  create() {
    return [{ id: 1, name: "lamp", tags: [] }, 201];
  }

  @get("/:id", { params: z.object({ id: z.coerce.number().int().describe("The item's id") }), responses: { 200: Item, 404: { description: "No such item" } } })
  show() {
    return null;
  }

  @put("/:id", { params: type({ id: "string.integer.parse" }), body: type({ name: "string > 0" }), responses: { 204: { description: "Replaced" } } })
  replace() {
    return null;
  }

  @del("/:id", { deprecated: true, summary: "Delete an item (use archive)" })
  remove() {
    return null;
  }

  @head("/:id")
  exists() {
    return null;
  }

  @options("/:id")
  describeItem() {
    return null;
  }

  @route(["PATCH"], "/:id/note", { body: Plain })
  note() {
    return null;
  }
}

class Upload extends View {
  static override methods = ["POST"];
  static override schemas = {
    body: z.object({ title: z.string(), file: z.file() }),
    responses: { 201: toStandardJsonSchema(v.object({ bytes: v.number() })) },
  };
  dispatchRequest() {
    return [{ bytes: 0 }, 201];
  }
}

/**
 * A test App that uses every route option (params, query, headers, body, responses with and
 * without a description, summary, description, tags, deprecated, operationId), zod, valibot
 * and arktype, a wildcard, a regular-expression parameter, a declared HEAD and OPTIONS, a
 * multipart body, shared, named, recursive and unconvertible schemas.
 */
export function everyOptionApp(): App {
  const app = new App({ logger });
  app.register("/items", Items);
  app.register("/upload", Upload);
  app.route("/search", () => [], { query: Paging, responses: { 200: z.array(Item) }, summary: "Search" });
  app.route("/folders", () => ({ name: "/", children: [] }), { responses: { 200: FolderSchema } });
  app.route("/dated", () => ({ at: new Date() }), { responses: { 200: Dated } });
  app.route("/files/*", () => null, { endpoint: "files" });
  app.route("/orders/:id(^\\d+$)", () => null, { endpoint: "order" });
  app.route("/ping", () => "pong", { endpoint: "ping", methods: ["GET", "POST"] });
  return app;
}
