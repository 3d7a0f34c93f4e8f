export { toKoaMiddleware } from "./to-koa-middleware.js";
export { toKoaRouter } from "./to-koa-router.js";
export type { KoaMiddlewareOptions } from "./to-koa-middleware.js";
export type { KoaRouterLike } from "./to-koa-router.js";
