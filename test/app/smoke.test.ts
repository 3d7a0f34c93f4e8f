import { describe, expect, it } from "vitest";
import { App, MethodView, currentContext, get, type RequestContext } from "../../src/index.js";

class Items extends MethodView {
  get() { return [1, 2]; }
  async post(ctx: RequestContext) { return [await ctx.json(), 201]; }
  @get("/:id") show(ctx: RequestContext) { return { id: ctx.params.id, path: currentContext().path }; }
}

describe("App smoke", () => {
  it("serves", async () => {
    const app = new App();
    app.register("/items", Items);
    app.route("/hi", () => "hi");
    const server = await app.listen({ port: 0 });
    try {
      let r = await fetch(`${server.url}/items`);
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual([1, 2]);
      r = await fetch(`${server.url}/items/a%20b`);
      expect(await r.json()).toEqual({ id: "a b", path: "/items/a b" });
      r = await fetch(`${server.url}/items`, { method: "POST", body: '{"x":1}', headers: { "content-type": "application/json" } });
      expect(r.status).toBe(201);
      expect(await r.json()).toEqual({ x: 1 });
      r = await fetch(`${server.url}/items`, { method: "DELETE" });
      expect(r.status).toBe(405);
      expect(r.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
      r = await fetch(`${server.url}/items`, { method: "OPTIONS" });
      expect(r.status).toBe(204);
      r = await fetch(`${server.url}/nope`);
      expect(r.status).toBe(404);
      expect(r.headers.get("content-type")).toBe("application/problem+json");
      r = await fetch(`${server.url}/items/%E0%A4%A`);
      expect(r.status).toBe(400);
      r = await fetch(`${server.url}/items`, { method: "HEAD" });
      expect(r.status).toBe(200);
      expect(r.headers.get("content-length")).toBe("5");
      r = await app.request("/hi");
      expect(await r.text()).toBe("hi");
      r = await app.request("/items", { method: "POST", body: '{"__proto__":{"x":1}}', headers: { "content-type": "application/json" } });
      expect(r.status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
