import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/index.js";
import type { ConformanceTarget, Served } from "../adapters/conformance.js";
import { send } from "../adapters/http-client.js";
import type { Schemas } from "./libraries.js";
import { validationApp } from "./validation-app.js";

const KEY = { "x-api-key": "key-1" };
const JSON_HEADERS = { "content-type": "application/json", ...KEY };
const SECRET = "Bearer-secret-token-0123456789";

function problem(res: { status: number; headers: Record<string, unknown>; body: string }) {
  expect(res.headers["content-type"]).toBe("application/problem+json");
  return JSON.parse(res.body) as { status: number; code: string; errors?: { in: string; path: string; message: string }[] };
}

/** The validation cases, the same for every schema library, on one target. */
export function runValidationCases(target: ConformanceTarget, library: { name: string; schemas: Schemas }): void {
  describe(`validation with ${library.name} on ${target.name}`, () => {
    let served: Served;
    let app: App;
    let logger: ReturnType<typeof validationApp>["logger"];
    const url = (path: string) => `${served.url}${path}`;

    beforeAll(async () => {
      ({ app, logger } = validationApp(library.schemas));
      served = await target.serve(app);
    });
    afterAll(async () => {
      await served?.close();
      await app?.close();
    });

    it("hands the handler the query's output: coerced, defaulted, repeated keys as an array", async () => {
      expect(JSON.parse((await send(url("/items?page=2&tag=a&tag=b"))).body)).toEqual({ page: 2, tag: ["a", "b"] });
      expect(JSON.parse((await send(url("/items?tag=a"))).body)).toEqual({ page: 1, tag: "a" });
    });

    it("answers a bad query with 422 problem+json naming the input and the JSON Pointer", async () => {
      const res = await send(url("/items?page=zero"));
      expect(res.status).toBe(422);
      const body = problem(res);
      expect(body).toMatchObject({ status: 422, code: "MV_VALIDATION_FAILED" });
      expect(body.errors).toEqual([{ in: "query", path: "/page", message: expect.any(String) }]);
    });

    it("validates a JSON body and headers, and checks the declared 201 response", async () => {
      const res = await send(url("/items"), { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ name: "lamp", price: 12 }) });
      expect(res.status).toBe(201);
      expect(JSON.parse(res.body)).toEqual({ id: 1, name: "lamp", price: 12 });
    });

    it("lists every issue of every input, and never echoes a value sent", async () => {
      const res = await send(url("/items"), {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": SECRET },
        body: JSON.stringify({ name: "", price: -1, tags: ["ok", 7] }),
      });
      expect(res.status).toBe(422);
      const { errors } = problem(res);
      expect(errors?.map(({ in: where, path }) => `${where} ${path}`)).toEqual(
        expect.arrayContaining(["headers /x-api-key", "body /name", "body /price", "body /tags/1"]),
      );
      expect(errors?.[0]?.in).toBe("headers");
      expect(res.body).not.toContain(SECRET);
      expect(res.body).not.toContain("secret");
      expect(res.body).not.toMatch(/-1\b/);
    });

    it("keeps 400 for malformed JSON, 415 for another media type, 413 for a body too large", async () => {
      const bad = await send(url("/items"), { method: "POST", headers: JSON_HEADERS, body: "{nope" });
      expect([bad.status, problem(bad).code]).toEqual([400, "MV_BAD_REQUEST"]);
      const text = await send(url("/items"), { method: "POST", headers: { "content-type": "text/csv", ...KEY }, body: "a,b" });
      expect([text.status, problem(text).code]).toEqual([415, "MV_UNSUPPORTED_MEDIA_TYPE"]);
      const huge = JSON.stringify({ name: "x".repeat(1_200_000), price: 1 });
      const large = await send(url("/items"), { method: "POST", headers: JSON_HEADERS, body: huge });
      expect(large.status).toBe(413);
    });

    it("applies the body schema to a urlencoded form and to a multipart form", async () => {
      const form = await send(url("/items"), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...KEY },
        body: "name=chair&price=30&tags=a&tags=b",
      });
      expect(form.status).toBe(201);
      expect(JSON.parse(form.body)).toEqual({ id: 1, name: "chair", price: 30, tags: ["a", "b"] });
      const boundary = "----mvboundary";
      const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const multipart = await send(url("/items"), {
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary=${boundary}`, ...KEY },
        body: `${part("name", "desk")}${part("price", "99")}--${boundary}--\r\n`,
      });
      expect(multipart.status).toBe(201);
      expect(JSON.parse(multipart.body)).toEqual({ id: 1, name: "desk", price: 99 });
      const invalid = await send(url("/items"), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...KEY },
        body: "name=&price=1",
      });
      expect(invalid.status).toBe(422);
      expect(problem(invalid).errors).toEqual([{ in: "body", path: "/name", message: expect.any(String) }]);
    });

    it("hands the handler decoded, transformed params; a bad one is a 422 in params", async () => {
      expect(JSON.parse((await send(url("/items/12"))).body)).toEqual({ id: 12, name: "item 12" });
      const res = await send(url("/items/abc"));
      expect(res.status).toBe(422);
      expect(problem(res).errors).toEqual([{ in: "params", path: "/id", message: expect.any(String) }]);
    });

    it("answers a result that breaks its declared response with a logged 500 that shows nothing of it", async () => {
      const before = logger.errors.length;
      const res = await send(url("/items/13"));
      expect(res.status).toBe(500);
      expect(problem(res)).toMatchObject({ status: 500, code: "MV_INTERNAL_SERVER_ERROR" });
      expect(res.body).not.toContain("thirteen");
      const logged = logger.errors.slice(before) as { code?: string; issues?: { path: string }[] }[];
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ code: "MV_RESPONSE_VALIDATION_FAILED" });
      expect(logged[0]?.issues?.map((issue) => issue.path)).toEqual(expect.arrayContaining(["/id"]));
    });

    it("runs an async schema before the handler", async () => {
      const taken = await send(url("/items/names/check"), { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ name: "taken" }) });
      expect(taken.status).toBe(422);
      expect(problem(taken).errors).toEqual([{ in: "body", path: "/name", message: "That name is taken" }]);
      const free = await send(url("/items/names/check"), { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ name: "mine" }) });
      expect(JSON.parse(free.body)).toEqual({ free: "mine" });
    });
  });
}
