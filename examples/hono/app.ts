import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { validator } from "hono/validator";
import { pathToFileURL } from "node:url";
import { toHono } from "../../src/adapters/hono/index.js";
import { App, BadRequest, MethodView, NotFound, del, get, type RequestContext } from "../../src/index.js";

interface Bookmark {
  id: number;
  url: string;
}

/** The bookmarks of one server; each `createHonoApp()` has its own. */
class Bookmarks {
  private readonly rows = new Map<number, Bookmark>();
  private next = 1;

  list(): Bookmark[] {
    return [...this.rows.values()];
  }

  add(url: string): Bookmark {
    const row = { id: this.next++, url };
    this.rows.set(row.id, row);
    return row;
  }

  find(id: number): Bookmark | undefined {
    return this.rows.get(id);
  }

  remove(id: number): boolean {
    return this.rows.delete(id);
  }
}

/** `/bookmarks` and `/bookmarks/:id`: one MethodView, its store given as a class argument. */
export class BookmarkAPI extends MethodView {
  constructor(private readonly bookmarks: Bookmarks) {
    super();
  }

  get() {
    return this.bookmarks.list();
  }

  async post(ctx: RequestContext) {
    // The body was parsed and checked by Hono's validator: ctx.json() reuses it.
    const { url } = await ctx.json<{ url: string }>();
    return [this.bookmarks.add(url), 201];
  }

  @get("/:id")
  show(ctx: RequestContext) {
    const row = this.bookmarks.find(Number(ctx.params.id));
    if (row === undefined) throw new NotFound(`no bookmark ${ctx.params.id}`);
    return row;
  }

  @del("/:id")
  remove(ctx: RequestContext) {
    if (!this.bookmarks.remove(Number(ctx.params.id))) throw new NotFound(`no bookmark ${ctx.params.id}`);
    return null;
  }
}

/**
 * The Hono app: Hono's request-id middleware and validator around methodview views mounted
 * under `/api`, next to a route of Hono's own.
 */
export function createHonoApp(): { hono: Hono; app: App } {
  const app = new App();
  app.register("/bookmarks", BookmarkAPI, { classArgs: [new Bookmarks()] });

  const hono = new Hono();
  hono.use("*", requestId());
  hono.post(
    "/api/bookmarks",
    validator("json", (value) => {
      const url = (value as { url?: unknown }).url;
      if (typeof url !== "string" || !URL.canParse(url)) throw new BadRequest("url must be an absolute URL");
      return { url };
    }),
  );
  hono.onError((error, c) => {
    const status = error instanceof BadRequest ? 400 : 500;
    return c.json({ error: error.message }, status);
  });
  hono.get("/health", (c) => c.json({ ok: true }));
  hono.route("/api", toHono(app));
  return { hono, app };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { hono } = createHonoApp();
  const port = Number(process.env.PORT ?? 3004);
  serve({ fetch: hono.fetch, port, hostname: "127.0.0.1" }, (info) => {
    console.log(`hono example on http://127.0.0.1:${info.port}/api/bookmarks`);
  });
}
