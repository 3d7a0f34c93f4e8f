import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKoaApp } from "../../examples/koa/app.js";
import { send } from "../adapters/http-client.js";

describe("examples/koa createKoaApp()", () => {
  let server: Server;
  let url: (path: string) => string;
  const json = { "content-type": "application/json" };

  beforeAll(async () => {
    const { koa } = createKoaApp();
    server = await new Promise<Server>((resolve) => {
      const s = koa.listen(0, "127.0.0.1", () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    url = (path) => `http://127.0.0.1:${port}${path}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  it("creates, lists, updates and deletes todos under /api, inside Koa's middleware", async () => {
    const created = await send(url("/api/todos"), { method: "POST", body: '{"title":"write docs"}', headers: json });
    expect(created.status).toBe(201);
    expect(created.headers["x-response-time"]).toMatch(/ms$/);
    expect(created.headers["x-served-by"]).toBe("methodview /todos");
    const { id } = JSON.parse(created.body) as { id: number };

    expect(JSON.parse((await send(url("/api/todos"))).body)).toEqual([{ id, title: "write docs", done: false }]);
    const updated = await send(url(`/api/todos/${id}`), { method: "PUT", body: '{"title":"ship"}', headers: json });
    expect(JSON.parse(updated.body)).toMatchObject({ id, title: "ship" });
    expect((await send(url(`/api/todos/${id}`), { method: "DELETE" })).status).toBe(204);

    const gone = await send(url(`/api/todos/${id}`));
    expect(gone.status).toBe(404);
    expect(gone.headers["content-type"]).toBe("application/problem+json");
    expect(gone.headers["x-served-by"]).toBe(`methodview /todos/${id}`);
  });

  it("answers 405, 422 and OPTIONS from the views, and leaves other paths to Koa", async () => {
    const patch = await send(url("/api/todos"), { method: "PATCH" });
    expect(patch.status).toBe(405);
    expect(patch.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
    expect((await send(url("/api/todos"), { method: "POST", body: "{}", headers: json })).status).toBe(422);
    expect((await send(url("/api/todos/1"), { method: "OPTIONS" })).headers.allow).toBe("GET, HEAD, PUT, DELETE, OPTIONS");
    expect(JSON.parse((await send(url("/health"))).body)).toEqual({ ok: true });
    const missing = await send(url("/api/nothing"));
    expect(missing.status).toBe(404);
    expect(missing.body).toBe("Not Found");
  });
});
