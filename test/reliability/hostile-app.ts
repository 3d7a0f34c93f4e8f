import { App, type Logger } from "../../src/index.js";

/** The body limit of the hostile-input App: small, so that bodies past it are cheap to send. */
export const HOSTILE_BODY_LIMIT = 4 * 1024;

/** Paths of the hostile-input App, relative to a target's mount prefix. */


/**
 * The App every hostile-input target serves: a JSON echo (`ctx.json()`), a text echo
 * (`ctx.text()`), a param route, a wildcard route, a route that reads every header and one
 * that streams (so that bytes arriving after a request meet a response in flight), behind a
 * before hook that reads the query and a header on every request.
 */
export function hostileApp(logger: Logger = { error: () => undefined, warn: () => undefined }): App {
  const app = new App({ bodyLimit: HOSTILE_BODY_LIMIT, logger });
  app.beforeRequest((ctx) => {
    // The lazy parts of a context, built from hostile input on every request.
    ctx.state.probe = [ctx.query.get("q"), ctx.headers.get("x-probe")];
  });
  app.route("/health", () => "ok");
  app.route("/echo", async (ctx) => ({ echo: await ctx.json() }), { methods: ["POST", "PUT", "PATCH"] });
  app.route("/text", () => "text", { endpoint: "text.get" });
  app.route("/text", async (ctx) => ctx.text(), { methods: ["POST"], endpoint: "text.post" });
  app.route("/params/:name", (ctx) => ({ name: ctx.params.name, query: [...ctx.query] }), { methods: ["GET", "DELETE"] });
  app.route("/files/*", (ctx) => ({ rest: ctx.params["*"] }));
  app.route("/headers", (ctx) => ({ count: [...ctx.headers].length }));
  app.route("/stream", async function* stream() {
    yield "a";
    await new Promise((resolve) => setTimeout(resolve, 5));
    yield "b";
  });
  return app;
}
