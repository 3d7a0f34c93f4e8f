import "reflect-metadata";
import { inject, injectable, Lifecycle, scoped } from "tsyringe";
import {
  App,
  Blueprint,
  CONTEXT,
  Conflict,
  Forbidden,
  MethodView,
  currentContext,
  del,
  get,
  put,
  type RequestContext,
} from "../../src/index.js";

/** A delay that makes concurrent handlers interleave. */
export const pause = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class TeapotError extends Error {}

/** A request-scoped service: one per request container, reading the request's context. */
@scoped(Lifecycle.ContainerScoped)
@injectable()
export class RequestIdService {
  constructor(@inject(CONTEXT) private readonly ctx: RequestContext) {}
  id(): string | null {
    return this.ctx.query.get("id");
  }
}

class Items extends MethodView {
  get() {
    return { items: [1, 2] };
  }

  async post(ctx: RequestContext) {
    return [await ctx.json(), 201, { "x-created": "yes" }];
  }

  @put("/:id")
  async replace(ctx: RequestContext) {
    await pause();
    return { id: ctx.params.id };
  }

  @del("/:id")
  remove() {
    return null;
  }
}

/** Declares the param route before the static one: the order must not matter on any host. */
class Spec extends MethodView {
  @get("/:id")
  byId(ctx: RequestContext) {
    return { route: "param", id: ctx.params.id };
  }

  @get("/teapot")
  teapot() {
    return { route: "static" };
  }

  @get("/*")
  rest(ctx: RequestContext) {
    return { route: "wildcard", rest: ctx.params["*"] };
  }
}

class ExplicitOptions extends MethodView {
  get() {
    return "x";
  }

  options() {
    return [null, 200, { allow: "GET, OPTIONS", "x-explicit-options": "1" }];
  }
}

/**
 * A blueprint with hooks and an error handler of its own, which must run around its rules
 * only, on every host; with a nested blueprint and a relative `urlFor`.
 */
function adminBlueprint(): Blueprint {
  const admin = new Blueprint("admin");
  admin.beforeRequest((ctx) => {
    ctx.state.admin = true;
  });
  admin.afterRequest(async (response) => {
    await pause();
    response.setHeader("x-blueprint", "admin");
  });
  admin.errorHandler(Forbidden, () => [{ handledBy: "admin" }, 403]);
  admin.get("/panel", (ctx) => ({ endpoint: ctx.endpoint, blueprint: ctx.blueprint, admin: ctx.state.admin, self: ctx.app instanceof App ? ctx.app.urlFor(".panel") : null }), { endpoint: "panel" });
  admin.get("/denied", () => {
    throw new Forbidden();
  }, { endpoint: "denied" });
  const reports = new Blueprint("reports", { urlPrefix: "/reports" });
  reports.get("/:year", (ctx) => ({ endpoint: ctx.endpoint, rule: ctx.rule, admin: ctx.state.admin, year: ctx.params.year }), { endpoint: "year" });
  admin.registerBlueprint(reports);
  return admin;
}

/** What the conformance App records, so that the suite can ask for it over HTTP. */
export interface ConformanceState {
  background: Map<string, string>;
  aborted: Set<string>;
  started: Set<string>;
}

/**
 * The App every conformance target serves: one route per case, hooks sync and async, an
 * error handler, a request-scoped service and background work.
 */
export function conformanceApp(): { app: App; state: ConformanceState } {
  const state: ConformanceState = { background: new Map(), aborted: new Set(), started: new Set() };
  const logger = { error: () => undefined, warn: () => undefined };
  const app = new App({ bodyLimit: 1024, logger });

  app.register("/items", Items);
  app.register("/explicit-options", ExplicitOptions);
  app.route("/text", () => "hello");
  app.route("/async-text", async () => {
    await pause();
    return "hello async";
  });
  app.route("/tuple", () => ["made", 201, { "x-tuple": "1" }]);
  app.route("/web-response", () => new Response("web", { status: 202, headers: { "x-web": "1", "content-type": "text/plain" } }));
  app.route("/bytes", () => new Uint8Array([1, 2, 3]));
  app.route("/stream", async function* stream() {
    for (const part of ["a", "b", "c"]) {
      await pause();
      yield part;
    }
  });
  app.route("/readable-stream", () => new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("x"));
      controller.enqueue(new TextEncoder().encode("y"));
      controller.close();
    },
  }));
  app.route("/http-error", () => {
    throw new Conflict("already there");
  });
  app.route("/async-http-error", async () => {
    await pause();
    throw new Forbidden();
  });
  app.route("/boom", () => {
    throw new Error("secret internals");
  });
  app.route("/async-boom", async () => Promise.reject(new Error("secret internals")));
  app.route("/handled", () => {
    throw new TeapotError("short and stout");
  });
  app.errorHandler(TeapotError, (error) => [{ handled: error.message }, 418]);
  app.route("/params/:name", (ctx) => ({ name: ctx.params.name }));
  app.route("/wild/*", (ctx) => ({ rest: ctx.params["*"] }));
  app.route("/echo", async (ctx) => ({ echo: await ctx.json() }), { methods: ["POST"] });
  app.route("/echo-text", async (ctx) => ctx.text(), { methods: ["POST"] });
  // One read shared by ctx.json() and the bytes, in either order: a body that is not JSON is still text.
  const settledJson = (ctx: RequestContext) => ctx.json().then((value) => ({ value }), (error: { status?: number }) => ({ failed: error.status }));
  app.route("/json-then-text", async (ctx) => ({ json: await settledJson(ctx), text: await ctx.text(), bytes: (await ctx.body()).byteLength }), { methods: ["POST"] });
  app.route("/text-then-json", async (ctx) => ({ text: await ctx.text(), json: await settledJson(ctx) }), { methods: ["POST"] });
  app.route("/json-and-text", async (ctx) => {
    const [json, text] = await Promise.all([settledJson(ctx), ctx.text()]);
    return { json, text };
  }, { methods: ["POST"] });
  app.route("/hooks", (ctx) => ({ before: ctx.state.before ?? false }));
  app.route("/context", async (ctx) => {
    await pause(Math.floor(Math.random() * 3));
    const service = ctx.container.resolve(RequestIdService);
    await pause(Math.floor(Math.random() * 3));
    return { id: ctx.query.get("id"), fromContext: currentContext().query.get("id"), fromService: service.id() };
  });
  app.route("/background", (ctx) => {
    const id = ctx.query.get("id") ?? "";
    app.addBackgroundTask(async () => {
      await pause(5);
      state.background.set(id, `task:${currentContext().query.get("id")}`);
    });
    ctx.waitUntil(pause(5).then(() => state.background.set(`${id}:waitUntil`, "done")));
    return "queued";
  });
  app.route("/background-result", (ctx) => ({
    task: state.background.get(ctx.query.get("id") ?? "") ?? null,
    waitUntil: state.background.get(`${ctx.query.get("id")}:waitUntil`) ?? null,
  }));
  app.route("/hang", (ctx) => {
    const id = ctx.query.get("id") ?? "";
    state.started.add(id);
    return new Promise((resolve) => {
      ctx.signal.addEventListener("abort", () => {
        state.aborted.add(id);
        resolve("too late");
      });
    });
  });
  app.route("/hang-status", (ctx) => ({
    started: state.started.has(ctx.query.get("id") ?? ""),
    aborted: state.aborted.has(ctx.query.get("id") ?? ""),
  }));

  app.beforeRequest((ctx) => (ctx.path === "/blocked" ? [{ blocked: true }, 403] : undefined));
  // A path check as an application writes one: it must see the path routing matched, whatever the target's form.
  app.beforeRequest((ctx) => (ctx.path.startsWith("/guarded") ? [{ guarded: ctx.path }, 403] : undefined));
  app.beforeRequest(async (ctx) => {
    await pause();
    ctx.state.before = true;
  });
  app.afterRequest((response) => {
    response.setHeader("x-after-sync", "1");
  });
  app.afterRequest(async (response) => {
    await pause();
    response.setHeader("x-after-async", "1");
  });
  app.route("/blocked", () => "never");
  app.route("/guarded/secret", () => ({ leaked: true }));
  app.route("/where/*", (ctx) => ({ path: ctx.path, rest: ctx.params["*"] }));
  app.register("/spec", Spec);
  app.registerBlueprint(adminBlueprint(), { urlPrefix: "/admin" });
  app.route("/slash/", (ctx) => ({ path: ctx.path }), { endpoint: "slash" });
  app.addUrlRule("/loose", { viewFunc: (ctx: RequestContext) => ({ path: ctx.path }), endpoint: "loose", strictSlashes: false });
  return { app, state };
}
