import Router from "@koa/router";
import { serve as serveFetch } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import Koa from "koa";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { toExpressRouter } from "../../src/adapters/express/index.js";
import { methodviewPlugin } from "../../src/adapters/fastify/index.js";
import { toHono } from "../../src/adapters/hono/index.js";
import { toKoaMiddleware, toKoaRouter } from "../../src/adapters/koa/index.js";
import { answerClientError, toNodeListener } from "../../src/adapters/node/index.js";
import type { ConformanceTarget, Served } from "./conformance.js";
import { serveKoa } from "./koa-server.js";

/** Closes a node:http server and every connection it still has. */
export function closeServer(server: { close(cb: () => void): unknown; closeAllConnections?: () => void }): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

async function listenOn(server: Server, prefix = ""): Promise<Served> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`, close: () => closeServer(server) };
}

/** A Koa app that stays quiet about the errors the suites provoke on purpose. */
function quietKoa(): Koa {
  const koa = new Koa();
  koa.silent = true;
  return koa;
}

/**
 * Every host the suites run against, each on a real server on 127.0.0.1, port 0, under the
 * host's usual mounting (a prefix where the host has one). The conformance suite and the
 * reliability suites iterate over this one list.
 */
export const targets: readonly ConformanceTarget[] = [
  {
    name: "methodview/node",
    notFound: "app",
    serve: (app) => listenOn(createServer(toNodeListener(app)).on("clientError", answerClientError)),
  },
  {
    name: "app.listen()",
    notFound: "app",
    async serve(app) {
      const server = await app.listen({ port: 0 });
      return { url: server.url, close: async () => void (await server.close()) };
    },
  },
  {
    // app.fetch on a real Fetch-style server: @hono/node-server turns node:http into Request/Response.
    name: "app.fetch",
    notFound: "app",
    async serve(app) {
      const server = await new Promise<ReturnType<typeof serveFetch>>((resolve) => {
        const s = serveFetch({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
      });
      const { port } = server.address() as AddressInfo;
      return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server as unknown as Server) };
    },
  },
  {
    name: "methodview/express",
    notFound: "host",
    serve: (app) => listenOn(createServer(express().use("/api", toExpressRouter(app))), "/api"),
  },
  {
    name: "methodview/fastify",
    notFound: "host",
    async serve(app) {
      const fastify = Fastify();
      await fastify.register(methodviewPlugin, { app, prefix: "/api" });
      const url = await fastify.listen({ port: 0, host: "127.0.0.1" });
      return { url: `${url}/api`, close: () => fastify.close() };
    },
  },
  {
    name: "methodview/koa toKoaMiddleware(app)",
    notFound: "host",
    serve: (app) => serveKoa(quietKoa().use(toKoaMiddleware(app))),
  },
  {
    name: "methodview/koa toKoaRouter(app, router) under /api",
    notFound: "host",
    serve(app) {
      const root = new Router();
      root.use("/api", toKoaRouter(app, new Router({ sensitive: true, strict: true })).routes());
      return serveKoa(quietKoa().use(root.routes()), "/api");
    },
  },
  {
    name: "methodview/koa toKoaMiddleware(app, { prefix }) in router.all()",
    notFound: "host",
    serve(app) {
      const root = new Router();
      // @koa/router runs router.use() middleware only for a matched route: catch the prefix with all().
      root.all("/v1{/*rest}", toKoaMiddleware(app, { prefix: "/v1" }));
      return serveKoa(quietKoa().use(root.routes()), "/v1");
    },
  },
  {
    name: "methodview/hono",
    notFound: "host",
    async serve(app) {
      const hono = new Hono();
      // A Hono middleware around every view, as a real app has (the host-specific tests check it runs).
      hono.use("*", async (c, next) => {
        await next();
        c.header("x-hono-middleware", "1");
      });
      hono.route("/api", toHono(app));
      const server = await new Promise<ReturnType<typeof serveFetch>>((resolve) => {
        const s = serveFetch({ fetch: hono.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
      });
      const { port } = server.address() as AddressInfo;
      return { url: `http://127.0.0.1:${port}/api`, close: () => closeServer(server as unknown as Server) };
    },
  },
];

/** The targets whose name starts with `prefix`. */
export function targetsNamed(prefix: string): ConformanceTarget[] {
  return targets.filter((target) => target.name.startsWith(prefix));
}
