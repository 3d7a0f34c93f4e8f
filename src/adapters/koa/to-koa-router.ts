import type { Context, Middleware, Next } from "koa";
import { App } from "../../app/app.js";
import { serveRouted } from "./serve-routed.js";

/** What `toKoaRouter` needs of a @koa/router `Router`: its `all(path, middleware)`. */
export interface KoaRouterLike {
  all(path: string, middleware: Middleware): unknown;
}

/** Every path under the router's prefix: the bare prefix, `prefix/` and anything below it. */
const KOA_CATCH_ALL = "{/{*methodviewPath}}";

/**
 * Registers one catch-all route of `app` on a @koa/router `Router` and returns it, to mount
 * with `router.routes()`, under any prefix, any number of times. The App routes what the
 * router hands it (its url map: static before parameter before wildcard, case-sensitive, strict
 * about trailing slashes), below the prefix the router matched; a path no rule matches goes on
 * to `next()`. The view's method table answers every method, so 405 with `Allow`, automatic
 * OPTIONS and HEAD behave as on `methodview/node`.
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
 * const router = toKoaRouter(app, new Router({ prefix: "/api" }));
 * new Koa().use(router.routes()).listen(3000);  // GET /api/hello
 * ```
 */
export function toKoaRouter<R extends KoaRouterLike>(app: App, router: R): R {
  if (!(app instanceof App)) throw new TypeError("toKoaRouter(app, router): app must be a methodview App");
  if (typeof router?.all !== "function") throw new TypeError("toKoaRouter(app, router): router must be a @koa/router Router");
  const serve = serveRouted(app);
  router.all(KOA_CATCH_ALL, function methodviewRoute(ctx: Context, next: Next) {
    // @koa/router names the layer it ran: its path is the mount prefix, then the catch-all.
    const layerPath = (ctx as Context & { routerPath?: string }).routerPath ?? KOA_CATCH_ALL;
    const routed = app.resolve(ctx.url, layerPath.slice(0, layerPath.length - KOA_CATCH_ALL.length));
    if (routed === undefined || routed.match.kind === "none") return next();
    return serve(ctx, routed);
  });
  return router;
}
