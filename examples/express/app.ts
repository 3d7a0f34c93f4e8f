import express from "express";
import { pathToFileURL } from "node:url";
import { App, MethodView, NotFound, del, get, type RequestContext } from "../../src/index.js";
import { toExpressRouter } from "../../src/adapters/express/index.js";

interface Note {
  id: number;
  text: string;
}

/** A small notes API: a MethodView mounted natively on an Express 5 router. */
export class NoteAPI extends MethodView {
  static notes = new Map<number, Note>();

  get() {
    return [...NoteAPI.notes.values()];
  }

  async post(ctx: RequestContext) {
    const { text } = await ctx.json<{ text: string }>();
    const note = { id: NoteAPI.notes.size + 1, text };
    NoteAPI.notes.set(note.id, note);
    return [note, 201];
  }

  @get("/:id")
  show(ctx: RequestContext) {
    const note = NoteAPI.notes.get(Number(ctx.params.id));
    if (note === undefined) throw new NotFound(`no note ${ctx.params.id}`);
    return note;
  }

  @del("/:id")
  remove(ctx: RequestContext) {
    NoteAPI.notes.delete(Number(ctx.params.id));
    return null;
  }
}

/**
 * The Express app: its own middleware, methodview views under /api (the App reads their
 * bodies itself), and Express's body parser for the Express routes after them.
 */
export function createExpressApp(): express.Express {
  const app = new App();
  app.register("/notes", NoteAPI);
  return express()
    .use((_req, res, next) => {
      res.setHeader("x-powered-by-host", "express");
      next();
    })
    .use("/api", toExpressRouter(app))
    .use(express.json())
    .get("/", (_req, res) => {
      res.send("express root");
    });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = createExpressApp().listen(Number(process.env.PORT ?? 3001), "127.0.0.1", () => {
    console.log("express example on", server.address());
  });
}
