/**
 * A Koa 3 app with methodview views: Koa's own middleware and routes, and a todo API made of
 * MethodViews, mounted on @koa/router under /api.
 *
 * Run it with `node --import @swc-node/register/esm-register examples/koa/app.ts`.
 */
import "reflect-metadata";
import Router from "@koa/router";
import Koa, { type Context, type Next } from "koa";
import type { Server } from "node:http";
import { pathToFileURL } from "node:url";
import { App, MethodView, NotFound, UnprocessableEntity, del, get, put, type RequestContext } from "../../src/index.js";
import { toKoaRouter } from "../../src/adapters/koa/index.js";

interface Todo {
  id: number;
  title: string;
  done: boolean;
}

/** The todos, in memory. */
class TodoStore {
  private readonly todos = new Map<number, Todo>();
  private nextId = 1;

  list(): Todo[] {
    return [...this.todos.values()];
  }

  get(id: string): Todo {
    const todo = this.todos.get(Number(id));
    if (todo === undefined) throw new NotFound(`There is no todo ${id}`);
    return todo;
  }

  add(title: string): Todo {
    const todo = { id: this.nextId++, title, done: false };
    this.todos.set(todo.id, todo);
    return todo;
  }

  remove(id: string): void {
    if (!this.todos.delete(Number(id))) throw new NotFound(`There is no todo ${id}`);
  }
}

async function titleOf(ctx: RequestContext): Promise<string> {
  const { title } = await ctx.json<{ title?: unknown }>();
  if (typeof title !== "string" || title === "") throw new UnprocessableEntity("A todo needs a title");
  return title;
}

/** GET and POST /todos, GET, PUT and DELETE /todos/:id. */
class TodoAPI extends MethodView {
  constructor(private readonly store: TodoStore) {
    super();
  }

  get() {
    return this.store.list();
  }

  async post(ctx: RequestContext) {
    return [this.store.add(await titleOf(ctx)), 201];
  }

  @get("/:id")
  show(ctx: RequestContext) {
    return this.store.get(ctx.params.id!);
  }

  @put("/:id")
  async update(ctx: RequestContext) {
    const todo = this.store.get(ctx.params.id!);
    todo.title = await titleOf(ctx);
    return todo;
  }

  @del("/:id")
  remove(ctx: RequestContext) {
    this.store.remove(ctx.params.id!);
    return null;
  }
}

/** Koa middleware of the usual kind: it runs around every request, views included. */
async function responseTime(ctx: Context, next: Next): Promise<void> {
  const started = performance.now();
  await next();
  ctx.set("x-response-time", `${(performance.now() - started).toFixed(1)}ms`);
}

/** Builds the Koa app: Koa's middleware and /health route, the views under /api. */
export function createKoaApp(): { koa: Koa; app: App } {
  const app = new App();
  app.register("/todos", TodoAPI, { classArgs: [new TodoStore()] });
  app.afterRequest((response, ctx) => {
    response.setHeader("x-served-by", `methodview ${ctx.path}`);
  });

  const root = new Router();
  root.get("/health", (ctx) => {
    ctx.body = { ok: true };
  });
  // The App routes below /api, as on every host; the router's options only shape the prefix.
  root.use("/api", toKoaRouter(app, new Router({ sensitive: true, strict: true })).routes());

  const koa = new Koa();
  koa.use(responseTime).use(root.routes());
  return { koa, app };
}

/** Listens on PORT (default 3000) until SIGINT; returns the server. */
export function main(port = Number(process.env.PORT ?? 3000)): Server {
  const { koa, app } = createKoaApp();
  const server = koa.listen(port, "127.0.0.1", () => console.log(`Koa with methodview views on http://127.0.0.1:${port}/api/todos`));
  process.once("SIGINT", () => {
    server.close();
    void app.close();
  });
  return server;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
