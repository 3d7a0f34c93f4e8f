import { App, MethodView, get, post, type Logger, type Valid } from "../../src/index.js";
import type { Schemas } from "./libraries.js";

/** A logger that keeps what it was told, for the cases that expect a logged error. */
export function keepingLogger(): Logger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return { errors, error: (_message: string, error?: unknown) => void errors.push(error), warn: () => undefined };
}

/** The App the validation cases run against: one MethodView declaring every kind of input. */
export function validationApp(s: Schemas): { app: App; logger: ReturnType<typeof keepingLogger> } {
  type Item = { name: string; price: number; tags?: string[] };
  class Items extends MethodView {
    @get({ query: s.paging, summary: "List items", tags: ["items"] })
    list(ctx: Valid<{ query: typeof s.paging }>) {
      const query = ctx.valid.query as { page: number; tag?: string | string[] };
      return { page: query.page, tag: query.tag ?? null };
    }

    @post({ body: s.item, headers: s.apiKey, responses: { 201: { schema: s.saved, description: "Created" } } })
    create(ctx: Valid<{ body: typeof s.item }>) {
      const item = ctx.valid.body as Item;
      return [{ id: 1, ...item }, 201];
    }

    @get("/:id", { params: s.id, responses: { 200: s.saved } })
    show(ctx: Valid<{ params: typeof s.id }>) {
      const { id } = ctx.valid.params as { id: number };
      // 13 breaks the declared response: the App must not send it.
      return id === 13 ? { id: "thirteen" } : { id, name: `item ${id}` };
    }

    @post("/names/check", { body: s.freeName })
    check(ctx: Valid<{ body: typeof s.freeName }>) {
      return { free: (ctx.valid.body as { name: string }).name };
    }
  }
  const logger = keepingLogger();
  const app = new App({ validateResponses: true, logger });
  app.register("/items", Items);
  return { app, logger };
}
