import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../src/index.js";
import { NodeSource, toNodeListener } from "../../src/adapters/node/index.js";

// The node adapter's body read and abort watch use listener functions shared by every
// request (the read and the watch ride on the request and the response): these check that
// two of them on one request stay apart.

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function listen(listener: Parameters<typeof createServer>[1]): Promise<number> {
  server = createServer(listener);
  return new Promise((resolve) => server!.listen(0, "127.0.0.1", () => resolve((server!.address() as AddressInfo).port)));
}

describe("node adapter, shared listeners", () => {
  it("gives two concurrent reads of one request the same body", async () => {
    const port = await listen((req, res) => {
      const a = new NodeSource(req, res).readBody(1024);
      const b = new NodeSource(req, res).readBody(1024);
      void Promise.all([a, b]).then(([x, y]) => res.end(`${Buffer.from(x).toString()}|${Buffer.from(y).toString()}`));
    });
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "hello" });
    expect(await response.text()).toBe("hello|hello");
  });

  it("tells every watch of one response that the client went away", async () => {
    let heard = 0;
    let bothHeard!: () => void;
    const done = new Promise<void>((resolve) => (bothHeard = resolve));
    const port = await listen((req, res) => {
      const count = () => ++heard === 2 && bothHeard();
      new NodeSource(req, res).watchAbort(count);
      new NodeSource(req, res).watchAbort(count);
    });
    const req = httpRequest({ port, host: "127.0.0.1", path: "/" });
    req.on("error", () => undefined);
    req.end();
    setTimeout(() => req.destroy(), 50);
    await done;
    expect(heard).toBe(2);
  });

  it("reads a body over many requests on one connection, each its own", async () => {
    const app = new App();
    app.post("/echo", async (ctx) => ({ got: await ctx.json() }));
    const port = await listen(toNodeListener(app));
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/echo`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ i }) });
      expect(await response.json()).toEqual({ got: { i } });
    }
  });
});

describe("url map, paths without parameters", () => {
  it("prefers a fixed rule to a parameter one, with no parameters, as the router would", async () => {
    const app = new App();
    app.route("/users/me", (ctx) => ({ me: true, params: { ...ctx.params } }));
    app.route("/users/:id", (ctx) => ({ id: ctx.params.id }));
    expect(await (await app.request("/users/me")).json()).toEqual({ me: true, params: {} });
    expect(await (await app.request("/users/42")).json()).toEqual({ id: "42" });
    expect(await (await app.request("/users/m%65")).json()).toEqual({ me: true, params: {} });
  });

  it("lets a rule take over the slash redirect another rule put at its path", async () => {
    const app = new App();
    app.route("/a/", () => "slashed");
    expect((await app.request("/a")).status).toBe(308);
    app.route("/a", () => "bare");
    expect(await (await app.request("/a")).text()).toBe("bare");
    expect(await (await app.request("/a/")).text()).toBe("slashed");
  });
});
