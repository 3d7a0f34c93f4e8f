import Fastify, { type FastifyInstance } from "fastify";
import { pathToFileURL } from "node:url";
import { methodviewPlugin } from "../../src/adapters/fastify/index.js";
import { App, BadRequest, MethodView, NotFound, del, get, patch, type RequestContext } from "../../src/index.js";

interface Task {
  id: number;
  title: string;
  done: boolean;
}

/** The tasks of one server; each `createFastifyApp()` has its own. */
class Tasks {
  private readonly rows = new Map<number, Task>();
  private next = 1;

  list(): Task[] {
    return [...this.rows.values()];
  }

  add(title: string): Task {
    const row = { id: this.next++, title, done: false };
    this.rows.set(row.id, row);
    return row;
  }

  find(id: string | undefined): Task {
    const row = this.rows.get(Number(id));
    if (row === undefined) throw new NotFound(`no task ${id}`);
    return row;
  }

  remove(id: string | undefined): void {
    if (!this.rows.delete(Number(id))) throw new NotFound(`no task ${id}`);
  }
}

/** `/tasks` and `/tasks/:id`: one MethodView, its store given as a class argument. */
export class TaskAPI extends MethodView {
  constructor(private readonly tasks: Tasks) {
    super();
  }

  get() {
    return this.tasks.list();
  }

  async post(ctx: RequestContext) {
    // Fastify parsed the JSON body (a 400 problem+json if it was malformed): ctx.json() reuses it.
    const { title } = await ctx.json<{ title?: unknown }>();
    if (typeof title !== "string" || title.trim() === "") throw new BadRequest("title must be a non-empty string");
    return [this.tasks.add(title.trim()), 201];
  }

  @get("/:id")
  show(ctx: RequestContext) {
    return this.tasks.find(ctx.params.id);
  }

  @patch("/:id")
  async update(ctx: RequestContext) {
    const task = this.tasks.find(ctx.params.id);
    const { done } = await ctx.json<{ done?: unknown }>();
    if (typeof done !== "boolean") throw new BadRequest("done must be true or false");
    task.done = done;
    return task;
  }

  @del("/:id")
  remove(ctx: RequestContext) {
    this.tasks.remove(ctx.params.id);
    return null;
  }
}

/** The key a client sends in `x-api-key` to change tasks. */
export const API_KEY = "let-me-in";

/**
 * The Fastify server: a hook of Fastify's own guarding writes, a route of its own, and the
 * methodview views mounted as a plugin under `/api`. Closing Fastify closes the App.
 */
export async function createFastifyApp(): Promise<{ fastify: FastifyInstance; app: App }> {
  const app = new App();
  app.register("/tasks", TaskAPI, { classArgs: [new Tasks()] });

  const fastify = Fastify();
  fastify.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
    const writes = !["GET", "HEAD", "OPTIONS"].includes(request.method);
    if (writes && request.headers["x-api-key"] !== API_KEY) return reply.code(401).send({ error: "x-api-key required" });
  });
  fastify.get("/health", async () => ({ ok: true }));
  await fastify.register(methodviewPlugin, { app, prefix: "/api" });
  // The App waits for its in-flight requests and background work when Fastify closes.
  fastify.addHook("onClose", async () => void (await app.close()));
  return { fastify, app };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { fastify } = await createFastifyApp();
  const address = await fastify.listen({ port: Number(process.env.PORT ?? 3002), host: "127.0.0.1" });
  console.log(`fastify example on ${address}/api/tasks`);
}
