import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHonoApp } from "../../examples/hono/app.js";
import { send } from "../adapters/http-client.js";

const JSON_TYPE = { "content-type": "application/json" };

describe("examples/hono/app.ts createHonoApp()", () => {
  let server: ReturnType<typeof serve>;
  let url: string;
  beforeAll(async () => {
    const { hono } = createHonoApp();
    server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: hono.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      }),
  );

  it("creates, lists, shows and deletes bookmarks under /api, with Hono's middleware around them", async () => {
    const created = await send(`${url}/api/bookmarks`, { method: "POST", body: '{"url":"https://hono.dev"}', headers: JSON_TYPE });
    expect(created.status).toBe(201);
    expect(created.headers["x-request-id"]).toBeTruthy();
    const { id } = JSON.parse(created.body) as { id: number };
    expect(JSON.parse((await send(`${url}/api/bookmarks/${id}`)).body)).toEqual({ id, url: "https://hono.dev" });
    expect(JSON.parse((await send(`${url}/api/bookmarks`)).body)).toEqual([{ id, url: "https://hono.dev" }]);
    expect((await send(`${url}/api/bookmarks/${id}`, { method: "DELETE" })).status).toBe(204);
    const gone = await send(`${url}/api/bookmarks/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.headers["content-type"]).toBe("application/problem+json");
  });

  it("lets Hono's validator refuse a bad body before the view runs", async () => {
    const bad = await send(`${url}/api/bookmarks`, { method: "POST", body: '{"url":"nope"}', headers: JSON_TYPE });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ error: "url must be an absolute URL" });
  });

  it("answers 405 with Allow and OPTIONS from the view, Hono's own routes and 404 beside it", async () => {
    const put = await send(`${url}/api/bookmarks`, { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
    expect((await send(`${url}/api/bookmarks/1`, { method: "OPTIONS" })).headers.allow).toBe("GET, HEAD, DELETE, OPTIONS");
    expect(JSON.parse((await send(`${url}/health`)).body)).toEqual({ ok: true });
    expect((await send(`${url}/nowhere`)).status).toBe(404);
  });
});
