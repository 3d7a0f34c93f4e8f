import type { Middleware } from "koa";
import { App } from "../../app/app.js";
import { serveRouted } from "./serve-routed.js";

/** Options of {@link toKoaMiddleware}. */
export interface KoaMiddlewareOptions {
  /**
   * A path prefix the App is served under (`"/api"`); requests outside it are passed on, and
   * the views see their path without it.
   * @default ""
   */
  prefix?: string;
}

function checkPrefix(prefix: unknown): string {
  if (prefix === undefined || prefix === "" || prefix === "/") return "";
  if (typeof prefix !== "string" || !prefix.startsWith("/") || /[?#]/.test(prefix)) {
    throw new TypeError(`toKoaMiddleware(app, { prefix }): prefix must be a path starting with "/", got ${JSON.stringify(prefix)}`);
  }
  return prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
}

/**
 * A Koa middleware serving `app` wherever it is used: `koa.use()`, or a @koa/router
 * `router.use()`. The App routes its requests (its url map: static before parameter before
 * wildcard, case-sensitive, strict about trailing slashes); a request no rule matches goes on
 * to `next()`, so the rest of the Koa app (or Koa's 404) answers it. The view's method table
 * answers every method of a matched path: 405 with `Allow`, automatic OPTIONS, HEAD from GET.
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
  const serve = serveRouted(app);
  return function methodviewKoa(ctx, next) {
    const routed = app.resolve(ctx.url, prefix);
    // Outside the prefix, or no rule: the rest of the Koa app answers.
    if (routed === undefined || routed.match.kind === "none") return next();
    return serve(ctx, routed);
  };
}
