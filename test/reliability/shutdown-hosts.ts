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
import { toKoaMiddleware } from "../../src/adapters/koa/index.js";
import type { App, CloseReport } from "../../src/index.js";

/** A host serving an App, and the graceful shutdown its user writes. */
export interface ShutdownHost {
  url: string;
  port: number;
  /**
   * The shutdown a user of this host calls (on SIGTERM, say): the App's `close()` and the
   * host server's own close, together. Resolves with the App's report and when the host
   * server was closed.
   */
  shutdown(): { app: Promise<CloseReport>; server: Promise<void> };
}

function closeNode(server: Server): Promise<void> {
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

async function onNode(app: App, server: Server, prefix: string): Promise<ShutdownHost> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    port,
    // app.close() first: responses written from then on say `connection: close`, so no
    // keep-alive connection holds server.close() open.
    shutdown: () => ({ app: app.close(), server: closeNode(server) }),
  };
}

/** The hosts whose shutdown the suite checks, each under its usual mounting. */
export const shutdownHosts: {
  name: string;
  /** Whether responses written while the App closes say `connection: close` (all but Hono's). */
  saysConnectionClose: boolean;
  serve(app: App): Promise<ShutdownHost>;
}[] = [
  {
    name: "methodview/express",
    saysConnectionClose: true,
    serve: (app) => onNode(app, createServer(express().use("/api", toExpressRouter(app))), "/api"),
  },
  {
    name: "methodview/fastify",
    saysConnectionClose: true,
    async serve(app) {
      const fastify = Fastify();
      await fastify.register(methodviewPlugin, { app, prefix: "/api" });
      const url = await fastify.listen({ port: 0, host: "127.0.0.1" });
      return {
        url: `${url}/api`,
        port: (fastify.server.address() as AddressInfo).port,
        shutdown: () => ({ app: app.close(), server: fastify.close() }),
      };
    },
  },
  {
    name: "methodview/koa toKoaMiddleware(app)",
    saysConnectionClose: true,
    serve(app) {
      const koa = new Koa();
      koa.silent = true;
      return onNode(app, createServer(koa.use(toKoaMiddleware(app)).callback()), "");
    },
  },
  {
    name: "methodview/hono",
    saysConnectionClose: false,
    async serve(app) {
      const hono = new Hono().route("/api", toHono(app));
      const server = await new Promise<Server>((resolve) => {
        const s = serveFetch({ fetch: hono.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as Server));
      });
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}/api`,
        port,
        shutdown() {
          const closed = app.close();
          const serverClosed = closeNode(server);
          // Hono's responses do not say `connection: close`: the keep-alive connections of the
          // last requests stay open, idle, until closed once the App is done.
          void closed.then(() => server.closeIdleConnections());
          return { app: closed, server: serverClosed };
        },
      };
    },
  },
];
