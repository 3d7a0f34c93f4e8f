import FindMyWay from "find-my-way";
import type { Middleware } from "koa";
import { App } from "../../app/app.js";
import type { PathEntry } from "../../app/url-map.js";
import { serveMatched } from "./serve-matched.js";

/** Options of {@link toKoaMiddleware}. */
export interface KoaMiddlewareOptions {
  /**
   * A path prefix the App is served under (`"/api"`); requests outside it are passed on, and
   * the views see their path without it.
   * @default ""
   */
  prefix?: string;
}

const noQuery = () => ({});
const noop = () => undefined;

function checkPrefix(prefix: unknown): string {
  if (prefix === undefined || prefix === "" || prefix === "/") return "";
  if (typeof prefix !== "string" || !prefix.startsWith("/") || /[?#]/.test(prefix)) {
    throw new TypeError(`toKoaMiddleware(app, { prefix }): prefix must be a path starting with "/", got ${JSON.stringify(prefix)}`);
  }
  return prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
}

/** The url below `prefix` ("/api/x?y" -> "/x?y"), or undefined when the request is outside it. */
function below(url: string, prefix: string): string | undefined {
  if (prefix === "") return url;
  if (!url.startsWith(prefix)) return undefined;
  const next = url.charCodeAt(prefix.length);
  if (Number.isNaN(next)) return "/";
  if (next === 47 /* / */) return url.slice(prefix.length);
  if (next === 63 /* ? */) return `/${url.slice(prefix.length)}`;
  return undefined;
}

/**
 * A Koa middleware serving `app` wherever it is used: `koa.use()`, or a @koa/router
 * `router.use()`. Its paths are matched as the App matches them (find-my-way: case-sensitive,
 * strict about trailing slashes); a request no rule matches goes on to `next()`, so the rest of
 * the Koa app (or Koa's 404) answers it. The view's method table answers every method of a
 * matched path: 405 with `Allow`, automatic OPTIONS, HEAD from GET. Register the views
 * before calling it: the paths are read once, here.
 *
 * @example
 * ```ts
 * import Koa from "koa";
 * import { App, MethodView } from "methodview";
 * import { toKoaMiddleware } from "methodview/koa";
 *
 * class Hello extends MethodView { get() { return { hello: "koa" }; } }
 * const app = new App();
 * app.register("/hello", Hello);
 * new Koa().use(toKoaMiddleware(app, { prefix: "/api" })).listen(3000);  // GET /api/hello
 * ```
 */
export function toKoaMiddleware(app: App, options: KoaMiddlewareOptions = {}): Middleware {
  if (!(app instanceof App)) throw new TypeError("toKoaMiddleware(app): app must be a methodview App");
  const prefix = checkPrefix(options.prefix);
  // The App's own url map, rebuilt from its mount points: the same rules, the same matching.
  const router = FindMyWay({ maxParamLength: 1000, querystringParser: noQuery, onBadUrl: noop });
  for (const { rule, entry } of app.mountPoints()) router.on("GET", rule, noop, entry);
  const serve = serveMatched(app);
  return function methodviewKoa(ctx, next) {
    const url = below(ctx.url, prefix);
    if (url === undefined) return next();
    const q = url.indexOf("?");
    const found = router.find("GET", q === -1 ? url : url.slice(0, q));
    // No rule, or a malformed percent-encoding that no rule can be said to match.
    if (found === null || found.store === null) return next();
    return serve(ctx, found.store as PathEntry, found.params as Record<string, string>, url);
  };
}
