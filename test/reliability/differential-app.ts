import "reflect-metadata";
import { App, Forbidden, MethodView, get, redirect, type RequestContext } from "../../src/index.js";

/** The body limit of the differential App: small, so that a body past it is cheap to send. */
export const DIFFERENTIAL_BODY_LIMIT = 2 * 1024;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/** What the App saw of a request: the path routing matched and the params it took from it. */
const seen = (route: string, ctx: RequestContext) => ({ route, path: ctx.path, params: ctx.params });

/**
 * Declares the param route before the static one: the order of the declarations must not
 * matter (static before param before wildcard, on every host).
 */
class Things extends MethodView {
  @get("/:id")
  one(ctx: RequestContext) {
    return seen("param", ctx);
  }

  @get("/teapot")
  teapot(ctx: RequestContext) {
    return seen("static", ctx);
  }

  @get("/*")
  rest(ctx: RequestContext) {
    return seen("wildcard", ctx);
  }
}

/**
 * The App every differential target serves. Each route answers with what the App made of the
 * request (`ctx.path`, `ctx.params`, the body as `ctx.text()` or `ctx.json()` read it), so two
 * hosts that route, normalise or read differently give different bodies. A before hook guards
 * `/admin` by `ctx.path`, as an application would.
 */
export function differentialApp(): App {
  // A short shutdown: the suite's last test closes every App and counts what was left in flight.
  const app = new App({ bodyLimit: DIFFERENTIAL_BODY_LIMIT, shutdownTimeout: 1000, logger: { error: () => undefined, warn: () => undefined } });
  app.beforeRequest((ctx) => {
    if (ctx.path.startsWith("/admin")) throw new Forbidden("admin only");
  });
  app.route("/health", () => "ok");
  app.route("/admin", (ctx) => seen("admin", ctx));
  app.route("/admin/*", (ctx) => seen("admin", ctx), { endpoint: "admin.rest" });
  app.register("/x", Things);
  app.route("/p/:name", (ctx) => seen("param", ctx), { methods: ["GET", "DELETE"] });
  app.route("/files/*", (ctx) => seen("wildcard", ctx));
  app.route("/redirect", () => redirect("/health"));
  app.route("/empty", () => null, { methods: ["GET", "POST"] });
  // The echoes await before they read, as a handler that checks something first does.
  app.route("/echo/text", async (ctx) => {
    await pause();
    return { ...seen("text", ctx), text: await ctx.text() };
  }, { methods: ["POST", "PUT"] });
  app.route("/echo/json", async (ctx) => {
    await pause();
    return { ...seen("json", ctx), json: await ctx.json() };
  }, { methods: ["POST", "PUT", "PATCH"] });
  return app;
}
