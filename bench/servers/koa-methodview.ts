import Router from "@koa/router";
import Koa from "koa";
import type { App } from "../../src/index.js";
import { announce, HOST, importOrSkip, PORT, portOf } from "./env.js";
import { methodviewApp } from "./methodview-app.js";

/**
 * methodview/koa: the App as one Koa middleware (`toKoaMiddleware`), or with `KOA_MOUNT=router`
 * on a @koa/router Router (`toKoaRouter`), as the adapter's docs mount each. No body parser:
 * the adapter reads the body itself.
 */
interface KoaAdapter {
  toKoaMiddleware(app: App): Koa.Middleware;
  toKoaRouter(app: App, router: Router): Router;
}

const { toKoaMiddleware, toKoaRouter } = await importOrSkip<KoaAdapter>("methodview/koa");
const app = await methodviewApp();
const koa = new Koa();
if (process.env.KOA_MOUNT === "router") {
  koa.use(toKoaRouter(app, new Router({ sensitive: true, strict: true })).routes());
} else {
  koa.use(toKoaMiddleware(app));
}
const server = koa.listen(PORT, HOST, () => announce(portOf(server)));
