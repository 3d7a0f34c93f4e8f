import { serve as serveHono } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import Koa from "koa";
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { App, NoActiveContextError, currentContext } from "../../src/index.js";
import { toExpressRouter } from "../../src/adapters/express/index.js";
import { methodviewPlugin } from "../../src/adapters/fastify/index.js";
import { toHono } from "../../src/adapters/hono/index.js";
import { toKoaMiddleware } from "../../src/adapters/koa/index.js";
import { toNodeListener } from "../../src/adapters/node/index.js";
import { closeServer } from "../adapters/targets.js";
import { sleep } from "./support.js";

// Inside a host's request callback the App enters the request's context for the rest of the
// callback (Node 24+, where the host drops it when the callback returns). These tests check,
// on node:http and Express, that no request ever sees another's context: not in the code the
// host runs before the App, not on a keep-alive or pipelined connection, not outside requests.

function contextOrNone(): string {
  try {
    return currentContext().path;
  } catch (error) {
    return error instanceof NoActiveContextError ? "none" : String(error);
  }
}

function contextApp(): App {
  const app = new App();
  app.route("/sync/:id", () => currentContext().params.id ?? "missing");
  app.route("/async/:id", async (ctx) => {
    await sleep(Number(ctx.params.id) % 3);
    return currentContext() === ctx ? ctx.params.id! : "other context";
  });
  return app;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The bodies of the whole responses in `received` (each framed by its Content-Length), in order. */
function bodiesIn(received: string): string[] {
  const bodies: string[] = [];
  let at = 0;
  for (;;) {
    const headEnd = received.indexOf("\r\n\r\n", at);
    if (headEnd === -1) return bodies;
    const length = /content-length: (\d+)/i.exec(received.slice(at, headEnd))?.[1];
    const bodyEnd = headEnd + 4 + Number(length ?? 0);
    if (received.length < bodyEnd) return bodies;
    bodies.push(received.slice(headEnd + 4, bodyEnd));
    at = bodyEnd;
  }
}

/** Sends `paths` pipelined on one connection and returns the bodies in order. */
function pipelined(address: string, paths: string[]): Promise<string[]> {
  const [host, port] = address.split(":");
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host!);
    let received = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      received += chunk;
      const bodies = bodiesIn(received);
      if (bodies.length === paths.length) {
        socket.destroy();
        resolve(bodies);
      }
    });
    socket.on("error", reject);
    socket.write(paths.map((path) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`).join(""));
  });
}

/** Serves `listener` on node:http, sends PATHS pipelined, and checks what the code before the App saw. */
async function checkBehind(listener: Parameters<typeof createServer>[1], seen: string[]): Promise<void> {
  const server = createServer(listener);
  const address = await listen(server);
  try {
    expect(await pipelined(address, PATHS)).toEqual(EXPECTED);
    expect(seen).toEqual(PATHS.map((path) => `${path} none`));
    expect(contextOrNone()).toBe("none");
  } finally {
    await closeServer(server);
  }
}

const PATHS = Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? `/sync/${i}` : `/async/${i}`));
const EXPECTED = PATHS.map((path) => path.split("/")[2]!);

describe("the request context inside host callbacks", () => {
  it("node:http: code before the App never sees a context, on keep-alive and pipelined requests", async () => {
    const seenBefore: string[] = [];
    const server = createServer();
    server.on("request", () => void seenBefore.push(contextOrNone()));
    server.on("request", toNodeListener(contextApp()));
    const address = await listen(server);
    try {
      expect(await pipelined(address, PATHS)).toEqual(EXPECTED);
      for (const path of PATHS.slice(0, 4)) expect(await (await fetch(`http://${address}${path}`)).text()).toBe(path.split("/")[2]);
      expect(seenBefore).toEqual(Array(PATHS.length + 4).fill("none"));
      expect(contextOrNone()).toBe("none");
    } finally {
      await closeServer(server);
    }
  });

  it("Express: middleware before the router never sees a context, on pipelined requests", async () => {
    const seen: string[] = [];
    const host = express();
    host.use((req, _res, next) => {
      seen.push(`${req.url} ${contextOrNone()}`);
      next();
    });
    host.use(toExpressRouter(contextApp()));
    await checkBehind(host, seen);
  });

  it("Koa: middleware before the App never sees a context, on pipelined requests", async () => {
    const seen: string[] = [];
    const koa = new Koa();
    koa.use(async (ctx, next) => {
      seen.push(`${ctx.path} ${contextOrNone()}`);
      await next();
    });
    koa.use(toKoaMiddleware(contextApp()));
    await checkBehind(koa.callback(), seen);
  });

  it("Fastify: an onRequest hook never sees a context, on pipelined requests; fastify.inject() leaves none behind", async () => {
    const seen: string[] = [];
    const fastify = Fastify();
    fastify.addHook("onRequest", async (request) => void seen.push(`${request.url} ${contextOrNone()}`));
    await fastify.register(methodviewPlugin, { app: contextApp() });
    await fastify.listen({ port: 0, host: "127.0.0.1" });
    try {
      const address = `127.0.0.1:${(fastify.server.address() as AddressInfo).port}`;
      expect(await pipelined(address, PATHS)).toEqual(EXPECTED);
      expect(seen).toEqual(PATHS.map((path) => `${path} none`));
      expect((await fastify.inject({ method: "GET", url: "/sync/7" })).body).toBe("7");
      expect(contextOrNone()).toBe("none");
    } finally {
      await fastify.close();
    }
  });

  it("Hono on @hono/node-server: middleware before the App never sees a context; hono.request() leaves none behind", async () => {
    const seen: string[] = [];
    const hono = new Hono();
    hono.use(async (c, next) => {
      seen.push(`${new URL(c.req.url).pathname} ${contextOrNone()}`);
      await next();
    });
    hono.route("/", toHono(contextApp()));
    const server = serveHono({ fetch: hono.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", () => resolve())));
    try {
      const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await pipelined(address, PATHS)).toEqual(EXPECTED);
      expect(seen).toEqual(PATHS.map((path) => `${path} none`));
      expect(await (await hono.request("/sync/7")).text()).toBe("7");
      expect(contextOrNone()).toBe("none");
    } finally {
      await closeServer(server);
    }
  });
});
