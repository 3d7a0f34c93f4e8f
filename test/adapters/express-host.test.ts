import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { toExpressRouter, type ExpressRaw } from "../../src/adapters/express/index.js";
import { App, MethodView, get, type RequestContext } from "../../src/index.js";
import { send } from "./http-client.js";

let server: Server | undefined;

async function serve(host: express.Express): Promise<string> {
  server = await new Promise<Server>((resolve) => {
    const s = host.listen(0, "127.0.0.1", () => resolve(s));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise<void>((resolve) => {
    if (server === undefined) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
  server = undefined;
});

class Echo extends MethodView {
  async post(ctx: RequestContext<ExpressRaw>) {
    const parsed = await ctx.json();
    return { parsed, sameObject: parsed === ctx.raw.req.body, user: ctx.raw.req.headers["x-user"], local: ctx.raw.res.locals.tag };
  }

  @get("/:id")
  show(ctx: RequestContext) {
    return { id: ctx.params.id, path: ctx.path };
  }
}

describe("toExpressRouter(app)", () => {
  it("runs Express middleware before the view and gives ctx.raw = { req, res }", async () => {
    const app = new App();
    app.register("/echo", Echo);
    const host = express()
      .use((req, res, next) => {
        res.locals.tag = "from-middleware";
        res.setHeader("x-express-middleware", "1");
        next();
      })
      .use(express.json())
      .use("/v1", toExpressRouter(app));
    const url = await serve(host);
    const res = await send(`${url}/v1/echo`, { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json", "x-user": "ann" } });
    expect(res.status).toBe(200);
    expect(res.headers["x-express-middleware"]).toBe("1");
    expect(JSON.parse(res.body)).toEqual({ parsed: { a: 1 }, sameObject: true, user: "ann", local: "from-middleware" });
  });

  it("sees the path relative to its mount point, under two prefixes", async () => {
    const app = new App();
    app.register("/echo", Echo);
    const router = toExpressRouter(app);
    const url = await serve(express().use("/a", router).use("/b/c", router));
    for (const prefix of ["/a", "/b/c"]) {
      const res = await send(`${url}${prefix}/echo/7`);
      expect(JSON.parse(res.body)).toEqual({ id: "7", path: "/echo/7" });
    }
  });

  it("answers a malformed percent-encoding in a param with a 400 problem", async () => {
    const app = new App();
    app.register("/echo", Echo);
    const url = await serve(express().use(toExpressRouter(app)));
    const res = await send(`${url}/echo/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toBe("application/problem+json");
    expect((await send(`${url}/echo/ok`)).status).toBe(200);
  });

  it("refuses a non-App; serves rules Express itself would read differently, as the App reads them", async () => {
    expect(() => toExpressRouter({} as App)).toThrow(TypeError);
    const app = new App();
    app.route("/x/:id(^\\d+)", (ctx) => ctx.params.id ?? "");
    app.route("/opt/:id?", (ctx) => ctx.params.id ?? "none");
    const url = await serve(express().use(toExpressRouter(app)));
    expect((await send(`${url}/x/12`)).body).toBe("12");
    expect((await send(`${url}/x/ab`)).status).toBe(404);
    expect((await send(`${url}/opt`)).body).toBe("none");
  });
});
