import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/index.js";
import { conformanceApp } from "./conformance-app.js";
import { pathConformance } from "./conformance-paths.js";
import { eventually, send, sendAndDisconnect } from "./http-client.js";

/** A running server for one target: its base URL (mount prefix included) and how to stop it. */
export interface Served {
  url: string;
  close(): Promise<void>;
}

/** One host the suite runs against. */
export interface ConformanceTarget {
  name: string;
  /** Serves `app` on 127.0.0.1, port 0, under the host's usual mounting. */
  serve(app: App): Promise<Served>;
  /** Whether a path no rule matches is answered by the App (problem+json) or left to the host. */
  notFound: "app" | "host";
  /** Cases the host truly cannot do, by name, with the reason; shown as named skips. */
  skips?: Record<string, string>;
}

const JSON_TYPE = "application/json";
const PROBLEM = "application/problem+json";

/**
 * The conformance suite: one set of cases, written once, run against every target. A host
 * that differs in any case fails it.
 */
export function runConformance(target: ConformanceTarget): void {
  describe(`conformance: ${target.name}`, () => {
    let served: Served;
    let app: App;
    const url = (path: string) => `${served.url}${path}`;
    const named = (name: string, fn: () => Promise<void>) => {
      const reason = target.skips?.[name];
      if (reason !== undefined) it.skip(`${name} (skipped on ${target.name}: ${reason})`, fn);
      else it(name, fn);
    };

    beforeAll(async () => {
      ({ app } = conformanceApp());
      served = await target.serve(app);
    });
    afterAll(async () => {
      await served?.close();
      await app?.close();
    });

    named("GET: status, JSON body, content type and length, after hooks", async () => {
      const res = await send(url("/items"));
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(res.body)).toEqual({ items: [1, 2] });
      expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.body));
      expect(res.headers["x-after-sync"]).toBe("1");
      expect(res.headers["x-after-async"]).toBe("1");
    });

    named("HEAD falls back to GET: same headers, no body", async () => {
      const get = await send(url("/items"));
      const head = await send(url("/items"), { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.body).toBe("");
      expect(head.headers["content-type"]).toBe(get.headers["content-type"]);
      expect(head.headers["content-length"]).toBe(get.headers["content-length"]);
    });

    named("POST, PUT and DELETE reach their handlers", async () => {
      const post = await send(url("/items"), { method: "POST", body: '{"name":"a"}', headers: { "content-type": JSON_TYPE } });
      expect(post.status).toBe(201);
      expect(post.headers["x-created"]).toBe("yes");
      expect(JSON.parse(post.body)).toEqual({ name: "a" });
      const putRes = await send(url("/items/42"), { method: "PUT" });
      expect(putRes.status).toBe(200);
      expect(JSON.parse(putRes.body)).toEqual({ id: "42" });
      const delRes = await send(url("/items/42"), { method: "DELETE" });
      expect(delRes.status).toBe(204);
      expect(delRes.body).toBe("");
    });

    named("405 with Allow for a method the path does not serve", async () => {
      const res = await send(url("/items"), { method: "PATCH" });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
      expect(res.headers["content-type"]).toBe(PROBLEM);
      expect(JSON.parse(res.body)).toMatchObject({ status: 405, title: "Method Not Allowed" });
      const sub = await send(url("/items/1"), { method: "GET" });
      expect(sub.status).toBe(405);
      expect(sub.headers.allow).toBe("PUT, DELETE, OPTIONS");
    });

    named("404 for a path no rule matches", async () => {
      const res = await send(url("/no/such/path"));
      expect(res.status).toBe(404);
      if (target.notFound === "app") expect(res.headers["content-type"]).toBe(PROBLEM);
    });

    named("automatic OPTIONS lists every method of the path", async () => {
      const root = await send(url("/items"), { method: "OPTIONS" });
      expect(root.status).toBe(204);
      expect(root.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
      expect(root.body).toBe("");
      const sub = await send(url("/items/7"), { method: "OPTIONS" });
      expect(sub.headers.allow).toBe("PUT, DELETE, OPTIONS");
    });

    named("an explicit OPTIONS handler wins", async () => {
      const res = await send(url("/explicit-options"), { method: "OPTIONS" });
      expect(res.status).toBe(200);
      expect(res.headers["x-explicit-options"]).toBe("1");
      expect(res.headers.allow).toBe("GET, OPTIONS");
    });

    named("sync and async handlers and hooks", async () => {
      const sync = await send(url("/text"));
      expect(sync.status).toBe(200);
      expect(sync.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(sync.body).toBe("hello");
      const async_ = await send(url("/async-text"));
      expect(async_.body).toBe("hello async");
      const hooks = await send(url("/hooks"));
      expect(JSON.parse(hooks.body)).toEqual({ before: true });
      const blocked = await send(url("/blocked"));
      expect(blocked.status).toBe(403);
      expect(JSON.parse(blocked.body)).toEqual({ blocked: true });
    });

    named("HttpErrors become problem+json, unknown errors a bare 500", async () => {
      const conflict = await send(url("/http-error"));
      expect(conflict.status).toBe(409);
      expect(conflict.headers["content-type"]).toBe(PROBLEM);
      expect(JSON.parse(conflict.body)).toMatchObject({ type: "about:blank", title: "Conflict", status: 409, detail: "already there" });
      expect((await send(url("/async-http-error"))).status).toBe(403);
      for (const path of ["/boom", "/async-boom"]) {
        const boom = await send(url(path));
        expect(boom.status).toBe(500);
        expect(boom.headers["content-type"]).toBe(PROBLEM);
        expect(boom.body).not.toContain("secret");
        expect(boom.body).not.toContain("at ");
      }
    });

    named("error handlers turn an error into a response", async () => {
      const res = await send(url("/handled"));
      expect(res.status).toBe(418);
      expect(JSON.parse(res.body)).toEqual({ handled: "short and stout" });
    });

    named("tuples, Response objects and bytes", async () => {
      const tuple = await send(url("/tuple"));
      expect(tuple.status).toBe(201);
      expect(tuple.headers["x-tuple"]).toBe("1");
      expect(tuple.body).toBe("made");
      const web = await send(url("/web-response"));
      expect(web.status).toBe(202);
      expect(web.headers["x-web"]).toBe("1");
      expect(web.body).toBe("web");
      const bytes = await send(url("/bytes"));
      expect(bytes.headers["content-type"]).toBe("application/octet-stream");
      expect(bytes.headers["content-length"]).toBe("3");
    });

    named("streaming an async iterable and a ReadableStream", async () => {
      expect((await send(url("/stream"))).body).toBe("abc");
      expect((await send(url("/readable-stream"))).body).toBe("xy");
    });

    named("params with percent-encoded values, and a wildcard", async () => {
      const res = await send(url("/params/a%20b%2Fc%C3%A9"));
      expect(JSON.parse(res.body)).toEqual({ name: "a b/cé" });
      const wild = await send(url("/wild/x/y/z"));
      expect(JSON.parse(wild.body)).toEqual({ rest: "x/y/z" });
    });

    named("blueprints: hooks and error handlers around their own rules only, nested, relative urlFor", async () => {
      const panel = await send(url("/admin/panel"));
      expect(panel.status).toBe(200);
      expect(panel.headers["x-blueprint"]).toBe("admin");
      expect(JSON.parse(panel.body)).toEqual({ endpoint: "admin.panel", blueprint: "admin", admin: true, self: "/admin/panel" });
      const nested = await send(url("/admin/reports/2026"));
      expect(JSON.parse(nested.body)).toEqual({ endpoint: "admin.reports.year", rule: "/admin/reports/:year", admin: true, year: "2026" });
      expect(nested.headers["x-blueprint"]).toBe("admin");
      const denied = await send(url("/admin/denied"));
      expect([denied.status, JSON.parse(denied.body)]).toEqual([403, { handledBy: "admin" }]);
      const outside = await send(url("/async-http-error"));
      expect(outside.status).toBe(403);
      expect(outside.headers["content-type"]).toBe(PROBLEM);
      expect(outside.headers["x-blueprint"]).toBeUndefined();
      expect((await send(url("/text"))).headers["x-blueprint"]).toBeUndefined();
    });

    named("strict slashes: /slash answers 308 to ./slash/ (method and query kept); a loose rule serves both", async () => {
      const redirect = await send(url("/slash?x=1"), { method: "POST" });
      expect(redirect.status).toBe(308);
      expect(redirect.headers.location).toBe("./slash/?x=1");
      expect(redirect.body).toBe("");
      expect(JSON.parse((await send(url("/slash/"))).body)).toEqual({ path: "/slash/" });
      expect(JSON.parse((await send(url("/loose/"))).body)).toEqual({ path: "/loose/" });
      expect(JSON.parse((await send(url("/loose"))).body)).toEqual({ path: "/loose" });
    });

    named("JSON bodies: parsed, malformed, poisoned, wrong type, too large", async () => {
      const post = (body: string, type = JSON_TYPE) => send(url("/echo"), { method: "POST", body, headers: { "content-type": type } });
      const ok = await post('{"a":[1,2]}');
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body)).toEqual({ echo: { a: [1, 2] } });
      const malformed = await post('{"a":');
      expect(malformed.status).toBe(400);
      expect(malformed.headers["content-type"]).toBe(PROBLEM);
      const poisoned = await post('{"__proto__":{"polluted":true}}');
      expect(poisoned.status).toBe(400);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const wrongType = await post('{"a":1}', "text/plain");
      expect(wrongType.status).toBe(415);
      expect(wrongType.headers["content-type"]).toBe(PROBLEM);
      const large = await post(JSON.stringify({ big: "x".repeat(2000) }));
      expect(large.status).toBe(413);
      expect(large.headers["content-type"]).toBe(PROBLEM);
      expect((await send(url("/text"))).status).toBe(200);
    });

    named("ctx.json() and the body's bytes share one read, in either order, valid JSON or not", async () => {
      const post = (path: string, body: string) => send(url(path), { method: "POST", body, headers: { "content-type": JSON_TYPE } });
      expect(JSON.parse((await post("/json-then-text", '{"a":1}')).body)).toEqual({ json: { value: { a: 1 } }, text: '{"a":1}', bytes: 7 });
      expect(JSON.parse((await post("/json-then-text", "{x")).body)).toEqual({ json: { failed: 400 }, text: "{x", bytes: 2 });
      expect(JSON.parse((await post("/text-then-json", '{"a":1}')).body)).toEqual({ text: '{"a":1}', json: { value: { a: 1 } } });
      expect(JSON.parse((await post("/text-then-json", "{x")).body)).toEqual({ text: "{x", json: { failed: 400 } });
      expect(JSON.parse((await post("/json-and-text", '["b"]')).body)).toEqual({ json: { value: ["b"] }, text: '["b"]' });
      // Past the limit: ctx.json() fails with the 413, and so does the text read after it.
      const large = await post("/json-then-text", JSON.stringify({ big: "x".repeat(2000) }));
      expect(large.status).toBe(413);
      expect(large.headers["content-type"]).toBe(PROBLEM);
    });

    named("currentContext() and request-scoped DI under 500 concurrent requests", async () => {
      const ids = Array.from({ length: 500 }, (_, i) => `r${i}`);
      const results = await Promise.all(ids.map((id) => send(url(`/context?id=${id}`))));
      const mismatches = results.filter((res, i) => {
        const body = JSON.parse(res.body) as Record<string, string>;
        return res.status !== 200 || body.id !== ids[i] || body.fromContext !== ids[i] || body.fromService !== ids[i];
      });
      expect(mismatches).toEqual([]);
    });

    named("background work runs after the response, in the request's context", async () => {
      const res = await send(url("/background?id=bg1"));
      expect(res.body).toBe("queued");
      const done = await eventually(async () => {
        const result = JSON.parse((await send(url("/background-result?id=bg1"))).body) as Record<string, string | null>;
        return result.task === "task:bg1" && result.waitUntil === "done";
      });
      expect(done).toBe(true);
    });

    named("ctx.signal aborts when the client disconnects", async () => {
      const status = async () => JSON.parse((await send(url("/hang-status?id=gone1"))).body) as { started: boolean; aborted: boolean };
      await sendAndDisconnect(url("/hang?id=gone1"), async () => (await status()).started);
      expect(await eventually(async () => (await status()).aborted)).toBe(true);
    });

    pathConformance(target, named, () => served);
  });
}
