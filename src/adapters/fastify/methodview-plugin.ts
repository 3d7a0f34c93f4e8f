import { METHODS } from "node:http";
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { App } from "../../app/app.js";
import { ConfigurationError } from "../../core/errors.js";
import type { ViewResponse } from "../../core/response.js";
import { keepBodies } from "./body-parsers.js";
import { FastifySource, type BodyKeeping } from "./fastify-source.js";
import { methodviewErrorHandler } from "./host-errors.js";
import { writeReply } from "./write-reply.js";

/** Options of `fastify.register(methodviewPlugin, options)`; Fastify's own `prefix` option mounts it under a path. */
export interface MethodviewPluginOptions {
  /** The App whose views the plugin serves; register them before Fastify starts. */
  app: App;
}

function assertApp(options: MethodviewPluginOptions | undefined): App {
  const app = options?.app as Partial<App> | undefined;
  if (typeof app?.resolve !== "function" || typeof app.handleRouted !== "function") {
    throw new TypeError(`fastify.register(methodviewPlugin, { app }): app must be a methodview App (new App()), got ${app === null ? "null" : typeof app}`);
  }
  return app as App;
}

/**
 * Every method node:http parses (but CONNECT, which node answers itself) and every method the
 * App serves, taught to Fastify where it does not know them: the view's table answers them all,
 * so a method no view serves (PROPFIND, say) is the App's 405 with `allow`, not Fastify's 404.
 */
function routedMethods(fastify: FastifyInstance, app: App): string[] {
  const wanted = new Set(METHODS.filter((method) => method !== "CONNECT"));
  for (const { rule, methods } of app.routes()) {
    for (const method of methods) {
      if (!METHODS.includes(method)) {
        throw new ConfigurationError("MV_UNSUPPORTED_METHOD", `methodview/fastify: the rule "${rule}" serves ${method}, a method node:http does not accept`);
      }
      wanted.add(method);
    }
  }
  for (const method of wanted) {
    if (!fastify.supportedMethods.includes(method)) fastify.addHttpMethod(method, { hasBody: true });
  }
  return fastify.supportedMethods;
}

/** The handler of the plugin's catch-all routes: the App routes the path below the prefix. */
function catchAll(app: App, prefix: string) {
  const logger = app.logger;
  const write = (response: ViewResponse, source: FastifySource) => writeReply(source.reply, response, source.method, app.closing, logger);
  return function methodviewRoute(request: FastifyRequest, reply: FastifyReply) {
    const routed = app.resolve(request.raw.url ?? "/", prefix);
    // No rule for the path: Fastify's not-found handler answers, as for any path it has no route for.
    if (routed === undefined || routed.match.kind === "none") return reply.callNotFound();
    app.handleRouted(new FastifySource(request as BodyKeeping, reply, routed.target.url), routed, write, true);
  };
}

/**
 * A Fastify plugin serving every path of a methodview App, under the `prefix` Fastify gives
 * it. Two catch-all routes hand the App the path below the prefix; the App routes it (its url
 * map, as on every host) and a path no rule matches goes to Fastify's not-found handler. The
 * view's method table answers every method, so 405, OPTIONS and HEAD behave as on `methodview/node`.
 * Fastify's hooks run around the views; its body parsers feed `ctx.json()`.
 *
 * @example
 * ```ts
 * import Fastify from "fastify";
 * import { App, MethodView } from "methodview";
 * import { methodviewPlugin } from "methodview/fastify";
 *
 * class Hello extends MethodView { get() { return { hello: "fastify" }; } }
 * const app = new App();
 * app.register("/hello", Hello);
 * const fastify = Fastify();
 * await fastify.register(methodviewPlugin, { app, prefix: "/api" });
 * await fastify.listen({ port: 3000 }); // GET /api/hello
 * ```
 * @see docs/adapters/fastify.md
 */
export const methodviewPlugin: FastifyPluginAsync<MethodviewPluginOptions> = async function methodviewPlugin(fastify, options) {
  const app = assertApp(options);
  const method = routedMethods(fastify, app);
  keepBodies(fastify);
  fastify.setErrorHandler(methodviewErrorHandler(app));
  const handler = catchAll(app, fastify.prefix);
  // The bare prefix (and, under a prefix, `prefix/`), then everything below it. HEAD is the view's.
  for (const url of ["/", "/*"]) fastify.route({ method, url, bodyLimit: app.bodyLimit, exposeHeadRoute: false, handler });
};
