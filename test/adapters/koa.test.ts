import Router from "@koa/router";
import Koa from "koa";
import { toKoaMiddleware, toKoaRouter } from "../../src/adapters/koa/index.js";
import { runConformance } from "./conformance.js";
import { serveKoa } from "./koa-server.js";

/** A Koa app that stays quiet about the errors the suite provokes on purpose. */
function quietKoa(): Koa {
  const koa = new Koa();
  koa.silent = true;
  return koa;
}

runConformance({
  name: "methodview/koa toKoaMiddleware(app)",
  notFound: "host",
  serve: (app) => serveKoa(quietKoa().use(toKoaMiddleware(app))),
});

runConformance({
  name: "methodview/koa toKoaRouter(app, router) under /api",
  notFound: "host",
  serve(app) {
    const root = new Router();
    root.use("/api", toKoaRouter(app, new Router({ sensitive: true, strict: true })).routes());
    return serveKoa(quietKoa().use(root.routes()), "/api");
  },
});

runConformance({
  name: "methodview/koa toKoaMiddleware(app, { prefix }) in router.all()",
  notFound: "host",
  serve(app) {
    const root = new Router();
    // @koa/router runs router.use() middleware only for a matched route: catch the prefix with all().
    root.all("/v1{/*rest}", toKoaMiddleware(app, { prefix: "/v1" }));
    return serveKoa(quietKoa().use(root.routes()), "/v1");
  },
});
