import "reflect-metadata";
import { inject, Lifecycle, scoped } from "tsyringe";
import { App, CONTEXT, Conflict, NotFound, currentContext, type RequestContext } from "../../src/index.js";

/** One kind of request of the soak mix, and the status it must get. */
export interface SoakCase {
  name: string;
  method: "GET" | "POST";
  path: string;
  status: number;
}

/** The mix, sent round-robin: sync and async answers, thrown errors of both kinds, background work. */
export const SOAK_CASES: readonly SoakCase[] = [
  { name: "sync text", method: "GET", path: "/sync", status: 200 },
  { name: "async JSON", method: "GET", path: "/async", status: 200 },
  { name: "JSON body", method: "POST", path: "/json", status: 201 },
  { name: "request-scoped service", method: "GET", path: "/scoped", status: 200 },
  { name: "HttpError thrown", method: "GET", path: "/http-error", status: 404 },
  { name: "HttpError rejected", method: "GET", path: "/async-http-error", status: 409 },
  { name: "unknown error thrown", method: "GET", path: "/boom", status: 500 },
  { name: "unknown error rejected", method: "GET", path: "/async-boom", status: 500 },
  { name: "error handler", method: "GET", path: "/handled", status: 418 },
  { name: "no route", method: "GET", path: "/nowhere", status: 404 },
  { name: "background task", method: "GET", path: "/background", status: 202 },
  { name: "failing background task", method: "GET", path: "/background-fail", status: 202 },
];

/** What the soak App counts, to check against what the client sent. */
export interface SoakCounters {
  loggedErrors: number;
  backgroundStarted: number;
  backgroundDone: number;
  backgroundErrors: number;
}

class Teapot extends Error {}

/** One per request container: its constructor reads the request through CONTEXT. */
@scoped(Lifecycle.ContainerScoped)
class Caller {
  constructor(@inject(CONTEXT) private readonly ctx: RequestContext) {}
  get id(): string {
    return this.ctx.headers.get("x-soak-id") ?? "";
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The App the soak serves; its routes are the paths of {@link SOAK_CASES}. */
export function soakApp(): { app: App; counters: SoakCounters } {
  const counters: SoakCounters = { loggedErrors: 0, backgroundStarted: 0, backgroundDone: 0, backgroundErrors: 0 };
  const logger = { error: () => void counters.loggedErrors++, warn: () => undefined };
  const app = new App({ logger, onBackgroundError: () => void counters.backgroundErrors++ });
  const background = async (fail: boolean) => {
    try {
      await tick();
      if (fail) throw new Error(`background failure of ${currentContext().path}`);
    } finally {
      counters.backgroundDone++;
    }
  };

  app.beforeRequest(async (ctx) => {
    ctx.state.started = Date.now();
    if (ctx.path === "/async") await Promise.resolve();
  });
  app.afterRequest((response) => {
    response.setHeader("x-soak", "1");
  });
  app.errorHandler(Teapot, (error) => [{ handled: error.message }, 418]);

  app.route("/sync", () => "ok");
  app.route("/async", async (ctx) => {
    await tick();
    return { path: currentContext().path, started: typeof ctx.state.started };
  });
  app.route("/json", async (ctx) => [await ctx.json(), 201], { methods: ["POST"] });
  app.route("/scoped", async (ctx) => {
    const caller = ctx.container.resolve(Caller);
    await tick();
    return { id: caller.id };
  });
  app.route("/http-error", () => {
    throw new NotFound("nothing here");
  });
  app.route("/async-http-error", async () => {
    await tick();
    throw new Conflict("already there");
  });
  app.route("/boom", () => {
    throw new Error("internal detail");
  });
  app.route("/async-boom", async () => {
    await tick();
    throw new Error("internal detail");
  });
  app.route("/handled", () => {
    throw new Teapot("short and stout");
  });
  for (const [path, fail] of [["/background", false], ["/background-fail", true]] as const) {
    app.route(path, (ctx) => {
      counters.backgroundStarted += 2;
      app.addBackgroundTask(background, fail);
      ctx.waitUntil(background(false));
      return ["queued", 202];
    });
  }
  return { app, counters };
}
