import type { Context, Middleware } from "koa";
import { App } from "../../app/app.js";
import type { Logger } from "../../app/logger.js";
import type { PathEntry } from "../../app/url-map.js";
import { bySpecificity, toKoaPath, type KoaPath } from "./koa-path.js";
import { serveMatched, type ServeMatched } from "./serve-matched.js";

/** What `toKoaRouter` needs of a @koa/router `Router`: its `all(path, middleware)`. */
export interface KoaRouterLike {
  all(path: string, middleware: Middleware): unknown;
}

/** What @koa/router puts on `ctx` for a matched layer. */
interface RouterFields {
  params?: Record<string, string | undefined>;
  routerPath?: string;
}

const NO_PARAMS: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

/** The mount prefix of a layer, from its full path (`/api/items/:id`) and ours (`/items/:id`). */
function mountPrefix(routerPath: string, path: string): string {
  // @koa/router writes a prefixed "/" as the bare prefix unless it is strict.
  return routerPath.endsWith(path) ? routerPath.slice(0, routerPath.length - path.length) : routerPath;
}

function countSlashes(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 47) count++;
  return count;
}

/** The url past the first `slashes` segments of its path ("/api/x?y", 1 -> "/x?y"). */
function dropSegments(url: string, slashes: number): string {
  const q = url.indexOf("?");
  const end = q === -1 ? url.length : q;
  let at = 0;
  for (let n = 0; n < slashes; n++) {
    at = url.indexOf("/", at + 1);
    if (at === -1 || at >= end) return `/${url.slice(end)}`;
  }
  return url.slice(at);
}

function decodable(url: string): boolean {
  const q = url.indexOf("?");
  try {
    decodeURIComponent(q === -1 ? url : url.slice(0, q));
    return true;
  } catch {
    return false;
  }
}

/** The route for one mount point: the prefix is read once per layer path, the params copied by name. */
function route(entry: PathEntry, koaPath: KoaPath, serve: ServeMatched, logger: Logger): Middleware {
  const names = koaPath.params;
  let seen: string | undefined;
  let slashes = 0;
  return function methodviewRoute(ctx: Context) {
    const fields = ctx as Context & RouterFields;
    const routerPath = fields.routerPath ?? koaPath.path;
    if (routerPath !== seen) {
      seen = routerPath;
      const prefix = mountPrefix(routerPath, koaPath.path);
      slashes = countSlashes(prefix);
      if (/[{*]/.test(prefix)) {
        logger.warn(`methodview/koa: the mount prefix of "${routerPath}" has optional parts or a wildcard; ctx.path may keep part of it`);
      }
    }
    let params = NO_PARAMS;
    if (names.length > 0) {
      const found = fields.params ?? {};
      params = Object.create(null) as Record<string, string>;
      for (const [koaName, name] of names) params[name] = found[koaName] ?? "";
    }
    const url = dropSegments(ctx.url, slashes);
    // @koa/router keeps a parameter it cannot decode as it is; the App answers such a path with 400.
    if (url.includes("%") && !decodable(url)) return serve(ctx, undefined, params, url);
    return serve(ctx, entry, params, url);
  };
}

/**
 * Registers every path of `app` on a @koa/router `Router` (one `router.all(path)` each) and
 * returns it, to mount with `router.routes()`, under any prefix, any number of times. The
 * router matches the paths; the view's method table answers every method, so 405 with `Allow`,
 * automatic OPTIONS and HEAD behave as on `methodview/node`. Create the router with
 * `{ sensitive: true, strict: true }` to match paths exactly as the App does. A rule @koa/router
 * cannot express is a `TypeError` here. Register the views before calling it.
 *
 * @example
 * ```ts
 * import Koa from "koa";
 * import Router from "@koa/router";
 * import { App, MethodView } from "methodview";
 * import { toKoaRouter } from "methodview/koa";
 *
 * class Hello extends MethodView { get() { return { hello: "koa" }; } }
 * const app = new App();
 * app.register("/hello", Hello);
 * const router = toKoaRouter(app, new Router({ prefix: "/api", sensitive: true, strict: true }));
 * new Koa().use(router.routes()).listen(3000);  // GET /api/hello
 * ```
 */
export function toKoaRouter<R extends KoaRouterLike>(app: App, router: R): R {
  if (!(app instanceof App)) throw new TypeError("toKoaRouter(app, router): app must be a methodview App");
  if (typeof router?.all !== "function") throw new TypeError("toKoaRouter(app, router): router must be a @koa/router Router");
  const serve = serveMatched(app);
  const paths = app.mountPoints().map(({ rule, entry }) => ({ entry, koaPath: toKoaPath(rule) }));
  paths.sort((a, b) => bySpecificity(a.koaPath, b.koaPath));
  for (const { entry, koaPath } of paths) router.all(koaPath.path, route(entry, koaPath, serve, app.logger));
  return router;
}
