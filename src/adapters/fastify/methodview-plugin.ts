import { METHODS } from "node:http";
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { App } from "../../app/app.js";
import type { MountPoint } from "../../app/url-map.js";
import { ConfigurationError } from "../../core/errors.js";
import { isThenable } from "../../core/thenable.js";
import { keepBodies } from "./body-parsers.js";
import { FastifySource, type BodyKeeping } from "./fastify-source.js";
import { methodviewErrorHandler } from "./host-errors.js";
import { relativeUrl } from "./relative-url.js";
import { writeReply } from "./write-reply.js";

/** Options of `fastify.register(methodviewPlugin, options)`; Fastify's own `prefix` option mounts it under a path. */
export interface MethodviewPluginOptions {
  /** The App whose views the plugin serves; register them before Fastify starts. */
  app: App;
}

function assertApp(options: MethodviewPluginOptions | undefined): App {
  const app = options?.app as Partial<App> | undefined;
  if (typeof app?.mountPoints !== "function" || typeof app.handleMatched !== "function") {
    throw new TypeError(`fastify.register(methodviewPlugin, { app }): app must be a methodview App (new App()), got ${app === null ? "null" : typeof app}`);
  }
  return app as App;
}

/**
 * Every method node:http parses (but CONNECT, which node answers itself) and every method the
 * App serves, taught to Fastify where it does not know them: the view's table answers them all,
 * so a method no view serves (PROPFIND, say) is the App's 405 with `allow`, not Fastify's 404.
 */
function routedMethods(fastify: FastifyInstance, mountPoints: readonly MountPoint[]): string[] {
  const wanted = new Set(METHODS.filter((method) => method !== "CONNECT"));
  for (const { rule, entry } of mountPoints) {
    for (const method of entry.allow) {
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

function mount(fastify: FastifyInstance, app: App, { rule, entry }: MountPoint, methods: string[], relative: (url: string) => string): void {
  const logger = app.logger;
  try {
    fastify.route({
      method: methods,
      url: rule,
      bodyLimit: app.bodyLimit,
      // The view's table answers HEAD (falling back to GET): no second route from Fastify.
      exposeHeadRoute: false,
      handler: function methodviewRoute(request: FastifyRequest, reply: FastifyReply) {
        const method = request.raw.method ?? "GET";
        const source = new FastifySource(request as BodyKeeping, reply, relative(request.raw.url ?? "/"));
        const out = app.handleMatched(source, entry, request.params as Record<string, string>);
        if (isThenable(out)) out.then((response) => writeReply(reply, response, method, app.closing, logger));
        else writeReply(reply, out, method, app.closing, logger);
      },
    });
  } catch (error) {
    throw new ConfigurationError(
      "MV_HOST_ROUTE",
      `methodview/fastify: the rule "${rule}" cannot be mounted at "${fastify.prefix}${rule}": ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * A Fastify plugin serving every path of a methodview App, under the `prefix` Fastify gives
 * it. Fastify matches the paths (its router reads the App's rules as they are); the view's
 * method table answers every method, so 405, OPTIONS and HEAD behave as on `methodview/node`.
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
  const mountPoints = app.mountPoints();
  const methods = routedMethods(fastify, mountPoints);
  const relative = relativeUrl(fastify.prefix);
  keepBodies(fastify);
  fastify.setErrorHandler(methodviewErrorHandler(app));
  for (const mountPoint of mountPoints) mount(fastify, app, mountPoint, methods, relative);
};
