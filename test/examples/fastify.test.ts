import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY, createFastifyApp } from "../../examples/fastify/app.js";
import { send } from "../adapters/http-client.js";

const WRITE = { "content-type": "application/json", "x-api-key": API_KEY };

describe("examples/fastify/app.ts createFastifyApp()", () => {
  let fastify: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    ({ fastify } = await createFastifyApp());
    url = await fastify.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(() => fastify.close());

  it("creates, lists, updates and deletes tasks under /api, with Fastify's hook around them", async () => {
    const created = await send(`${url}/api/tasks`, { method: "POST", body: '{"title":"write the docs"}', headers: WRITE });
    expect(created.status).toBe(201);
    expect(created.headers["x-request-id"]).toBeTruthy();
    const { id } = JSON.parse(created.body) as { id: number };
    const done = await send(`${url}/api/tasks/${id}`, { method: "PATCH", body: '{"done":true}', headers: WRITE });
    expect(JSON.parse(done.body)).toEqual({ id, title: "write the docs", done: true });
    expect(JSON.parse((await send(`${url}/api/tasks`)).body)).toEqual([{ id, title: "write the docs", done: true }]);
    expect((await send(`${url}/api/tasks/${id}`, { method: "DELETE", headers: WRITE })).status).toBe(204);
    const gone = await send(`${url}/api/tasks/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.headers["content-type"]).toBe("application/problem+json");
  });

  it("lets Fastify's hook refuse a write before the view runs", async () => {
    const refused = await send(`${url}/api/tasks`, { method: "POST", body: '{"title":"sneaky"}', headers: { "content-type": "application/json" } });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toEqual({ error: "x-api-key required" });
    expect(JSON.parse((await send(`${url}/api/tasks`)).body)).toEqual([]);
  });

  it("answers bad bodies in problem+json: Fastify's parse errors and the view's own checks", async () => {
    const malformed = await send(`${url}/api/tasks`, { method: "POST", body: '{"title":', headers: WRITE });
    expect(malformed.status).toBe(400);
    expect(malformed.headers["content-type"]).toBe("application/problem+json");
    const invalid = await send(`${url}/api/tasks`, { method: "POST", body: '{"title":""}', headers: WRITE });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body)).toMatchObject({ status: 400, detail: "title must be a non-empty string" });
  });

  it("answers 405 with Allow and OPTIONS from the view, Fastify's own route and 404 beside it", async () => {
    const put = await send(`${url}/api/tasks`, { method: "PUT", headers: WRITE });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
    expect((await send(`${url}/api/tasks/1`, { method: "OPTIONS" })).headers.allow).toBe("GET, HEAD, PATCH, DELETE, OPTIONS");
    expect(JSON.parse((await send(`${url}/health`)).body)).toEqual({ ok: true });
    expect((await send(`${url}/nowhere`)).status).toBe(404);
  });
});
