import { Hono, type Context, type MiddlewareHandler, type Next } from "hono";
import { baseRoutePath } from "hono/route";
import type { App } from "../../app/app.js";
import type { PathEntry } from "../../app/url-map.js";
import type { MaybePromise } from "../../core/dispatcher.js";
import type { ViewResponse } from "../../core/response.js";
import { isThenable } from "../../core/thenable.js";
import { HonoSource } from "./hono-source.js";
import { byPriority, segmentCount, skipSegments, toMountPath, type MountPath } from "./mount-path.js";
import { writeHonoResponse } from "./write-response.js";

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

type ViewHandler = (c: Context, next: Next) => Response | Promise<Response | void>;

/** The Hono handler of one path: the App's entry decides the method, the view answers. */
function mountHandler(app: App, entry: PathEntry, { params: names, wildcardAfter }: MountPath): ViewHandler {
  const logger = app.logger;
  const write = (c: Context, out: MaybePromise<ViewResponse>, method: string) =>
    isThenable(out) ? Promise.resolve(out).then((response) => writeHonoResponse(c, response, method, logger)) : writeHonoResponse(c, out, method, logger);
  return (c, next) => {
    const url = c.req.raw.url;
    const start = url.indexOf("/", url.indexOf("//") + 2);
    const q = url.indexOf("?", start);
    const end = q === -1 ? url.length : q;
    // The mount prefix is whatever `hono.route(prefix, ...)` put before the rule: skip its segments.
    const base = baseRoutePath(c);
    const at = base === "/" ? start : skipSegments(url, start, end, segmentCount(base));
    let rest: string | undefined;
    if (wildcardAfter !== -1) {
      const slash = wildcardAfter === 0 ? at : skipSegments(url, at, end, wildcardAfter);
      // Hono's `/files/*` also matches `/files`; the App's rule does not, so the host answers.
      if (slash >= end) return next();
      rest = url.slice(slash + 1, end);
    }
    const source = new HonoSource(c, at >= end ? `/${url.slice(end)}` : url.slice(at));
    const percent = url.indexOf("%", at);
    if (percent !== -1 && percent < end && !decodable(url.slice(at, end))) {
      // The App's own routing answers a malformed percent-encoding: a 400, through its hooks.
      return write(c, app.handle(source), source.method);
    }
    const params: Record<string, string> = {};
    for (const name of names) params[name] = c.req.param(name) as string;
    if (rest !== undefined) params["*"] = rest.includes("%") ? decodeURIComponent(rest) : rest;
    return write(c, app.handleMatched(source, entry, params), source.method);
  };
}

/**
 * A Hono app serving every path of `app`, to mount with `hono.route(prefix, toHono(app))`.
 * Each path is registered once on Hono's router for all methods; the App's method table
 * answers 405 with `Allow`, automatic OPTIONS and HEAD. Paths no rule matches are left to
 * Hono (its own 404). Rules are read now: mount after registering them.
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
  if (typeof app?.mountPoints !== "function" || typeof app.handleMatched !== "function") {
    throw new TypeError("toHono(app): app must be a methodview App");
  }
  const mounts = app.mountPoints().map(({ rule, entry }) => ({ mount: toMountPath(rule), entry }));
  mounts.sort((a, b) => byPriority(a.mount, b.mount));
  const hono = new Hono();
  for (const { mount, entry } of mounts) hono.all(mount.path, mountHandler(app, entry, mount) as MiddlewareHandler);
  return hono;
}
