import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExpressApp } from "../../examples/express/app.js";
import { send } from "../adapters/http-client.js";

describe("examples/express", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = await new Promise<Server>((resolve) => {
      const s = createExpressApp().listen(0, "127.0.0.1", () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));

  it("creates, lists, shows and deletes notes under /api, next to Express routes", async () => {
    const created = await send(`${url}/api/notes`, { method: "POST", body: '{"text":"hi"}', headers: { "content-type": "application/json" } });
    expect(created.status).toBe(201);
    const { id } = JSON.parse(created.body) as { id: number };
    expect(JSON.parse((await send(`${url}/api/notes/${id}`)).body)).toEqual({ id, text: "hi" });
    expect(JSON.parse((await send(`${url}/api/notes`)).body)).toContainEqual({ id, text: "hi" });
    expect((await send(`${url}/api/notes/${id}`, { method: "DELETE" })).status).toBe(204);
    const gone = await send(`${url}/api/notes/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.headers["x-powered-by-host"]).toBe("express");
    expect((await send(`${url}/api/notes`, { method: "PUT" })).headers.allow).toBe("GET, HEAD, POST, OPTIONS");
    expect((await send(`${url}/`)).body).toBe("express root");
  });
});
