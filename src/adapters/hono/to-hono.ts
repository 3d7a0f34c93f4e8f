import { Hono, type Context, type Handler, type Next } from "hono";
import { baseRoutePath } from "hono/route";
import type { App } from "../../app/app.js";
import type { ViewResponse } from "../../core/response.js";
import { HonoSource } from "./hono-source.js";
import { writeHonoResponse } from "./write-response.js";

/** `c.env` on @hono/node-server: node's request among its bindings. */
type NodeEnv = { incoming?: { url?: unknown } } | undefined;
type NodeIncoming = NonNullable<NodeEnv>["incoming"];

/**
 * The request target to route. On @hono/node-server, node's own `req.url` when it is the very
 * path Hono routed (so no query, no rewritten request, no `getPath` of the app's own): a plain
 * string, where `c.req.raw.url` is one joined from scheme, host and path, which costs several
 * times more to read. Anywhere else, and whenever the two differ, `c.req.raw.url`.
 */
function targetOf(c: Context, incoming: NodeIncoming): string {
  const url = incoming?.url;
  return typeof url === "string" && url === c.req.path ? url : c.req.raw.url;
}

/** The catch-all of the mounted App: the App routes what Hono hands it. */
function catchAll(app: App): Handler {
  const logger = app.logger;
  const write = (response: ViewResponse, source: HonoSource) => writeHonoResponse(source.raw, response, source.method, logger);
  return (c: Context, next: Next) => {
    const incoming = (c.env as NodeEnv)?.incoming;
    const routed = app.resolve(targetOf(c, incoming), baseRoutePath(c));
    // Outside the mount, or no rule: Hono (its other routes, its 404) answers.
    if (routed === undefined || routed.match.kind === "none") return next();
    // On @hono/node-server (its node:http objects in `c.env`) this runs inside node's request callback.
    return app.handleRouted(new HonoSource(c, routed.target.url), routed, write, incoming !== undefined);
  };
}

/**
 * A Hono app serving every path of `app`, to mount with `hono.route(prefix, toHono(app))`.
 * One catch-all route hands the App the path below the prefix; the App routes it (its url
 * map: static before parameter before wildcard, as on every host) and its method table
 * answers 405 with `Allow`, automatic OPTIONS and HEAD. Paths no rule matches are left to
 * Hono (its other routes, its own 404).
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { serve } from "@hono/node-server";
 * import { App, MethodView } from "methodview";
 * import { toHono } from "methodview/hono";
 *
 * class Hello extends MethodView {
 *   get() { return { hello: "world" }; }
 * }
 * const app = new App();
 * app.register("/hello", Hello);
 *
 * const hono = new Hono();
 * hono.route("/api", toHono(app)); // GET /api/hello
 * serve({ fetch: hono.fetch, port: 3000 });
 * ```
 * @see docs/adapters/hono.md
 */
export function toHono(app: App): Hono {
  if (typeof app?.resolve !== "function" || typeof app.handleRouted !== "function") {
    throw new TypeError("toHono(app): app must be a methodview App");
  }
  return new Hono().all("*", catchAll(app));
}
