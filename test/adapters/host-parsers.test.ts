import { bodyParser } from "@koa/bodyparser";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { validator } from "hono/validator";
import Koa from "koa";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve as serveFetch } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import { toExpressRouter } from "../../src/adapters/express/index.js";
import { methodviewPlugin } from "../../src/adapters/fastify/index.js";
import { toHono } from "../../src/adapters/hono/index.js";
import { toKoaMiddleware } from "../../src/adapters/koa/index.js";
import { App } from "../../src/index.js";
import type { Served } from "./conformance.js";
import { send } from "./http-client.js";
import { closeServer } from "./targets.js";

const PROBLEM = "application/problem+json";
const JSON_TYPE = { "content-type": "application/json" };

async function listen(server: Server, prefix: string): Promise<Served> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`, close: () => closeServer(server) };
}

/** Each host with the body parser its users put in front of the App's routes. */
/** A Koa body parser on plain `JSON.parse`, as many hand-written ones are. */
async function naiveKoaParser(ctx: Koa.Context, next: Koa.Next): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  const request = ctx.request as Koa.Request & { body?: unknown; rawBody?: string };
  request.rawBody = Buffer.concat(chunks).toString("utf8");
  request.body = JSON.parse(request.rawBody) as unknown;
  await next();
}

function koaWith(parser: Koa.Middleware) {
  return (app: App) => {
    const koa = new Koa();
    koa.silent = true;
    return listen(createServer(koa.use(parser).use(toKoaMiddleware(app)).callback()), "");
  };
}

/**
 * `poison`: who answers a poisoned body, the App (its 400 problem+json) or the host parser
 * itself (@koa/bodyparser refuses `__proto__` with a 400 of its own, before the App runs).
 */
const hosts: { name: string; text: "kept" | "refused"; poison: "app" | "host"; serve(app: App): Promise<Served> }[] = [
  {
    name: "methodview/express behind express.json()",
    text: "refused",
    poison: "app",
    serve: (app) => listen(createServer(express().use(express.json()).use("/api", toExpressRouter(app))), "/api"),
  },
  { name: "methodview/koa behind @koa/bodyparser", text: "kept", poison: "host", serve: koaWith(bodyParser()) },
  { name: "methodview/koa behind a JSON.parse body parser", text: "kept", poison: "app", serve: koaWith(naiveKoaParser) },
  {
    name: "methodview/fastify with a JSON parser of the host's (JSON.parse)",
    text: "refused",
    poison: "app",
    async serve(app) {
      const fastify = Fastify();
      fastify.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch (error) {
          done(error as Error);
        }
      });
      await fastify.register(methodviewPlugin, { app, prefix: "/api" });
      const url = await fastify.listen({ port: 0, host: "127.0.0.1" });
      return { url: `${url}/api`, close: () => fastify.close() };
    },
  },
  {
    name: "methodview/hono behind validator('json')",
    text: "kept",
    poison: "app",
    async serve(app) {
      const hono = new Hono();
      hono.use("/api/*", validator("json", (value) => value));
      hono.route("/api", toHono(app));
      const server = await new Promise<ReturnType<typeof serveFetch>>((resolve) => {
        const s = serveFetch({ fetch: hono.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
      });
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, close: () => closeServer(server as unknown as Server) };
    },
  },
];

describe("a body a host parser read first (issue 9, defect 6)", () => {
  let served: Served | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  function parsersApp() {
    const logged: unknown[] = [];
    const app = new App({ logger: { error: (_message, error) => void logged.push(error), warn: () => undefined } });
    app.route("/json", async (ctx) => ({ json: await ctx.json() }), { methods: ["POST"] });
    app.route("/text", async (ctx) => ({ text: await ctx.text() }), { methods: ["POST"] });
    return { app, logged };
  }

  for (const host of hosts) {
    describe(host.name, () => {
      it("ctx.json() gets the App's checks: prototype poisoning is a 400 problem+json, plain JSON is read", async () => {
        const { app } = parsersApp();
        served = await host.serve(app);
        for (const body of ['{"__proto__":{"polluted":true}}', '{"a":{"constructor":{"prototype":{"polluted":true}}}}']) {
          const res = await send(`${served.url}/json`, { method: "POST", body, headers: JSON_TYPE });
          expect([body, res.status]).toEqual([body, 400]);
          if (host.poison === "app") expect(res.headers["content-type"]).toBe(PROBLEM);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        const plain = await send(`${served.url}/json`, { method: "POST", body: '{"a":[1,2]}', headers: JSON_TYPE });
        expect([plain.status, JSON.parse(plain.body)]).toEqual([200, { json: { a: [1, 2] } }]);
      });

      it(`ctx.text() of a parsed JSON body is ${host.text === "kept" ? "its text" : "a 500 problem+json and a logged reason"}, never ""`, async () => {
        const { app, logged } = parsersApp();
        served = await host.serve(app);
        const res = await send(`${served.url}/text`, { method: "POST", body: '{"a":1}', headers: JSON_TYPE });
        if (host.text === "kept") {
          expect([res.status, JSON.parse(res.body)]).toEqual([200, { text: '{"a":1}' }]);
        } else {
          expect([res.status, res.headers["content-type"]]).toEqual([500, PROBLEM]);
          expect(res.body).not.toMatch(/parser|express|fastify/i);
          expect(logged).toEqual([expect.objectContaining({ code: "MV_BODY_ALREADY_READ" })]);
        }
      });
    });
  }
});
