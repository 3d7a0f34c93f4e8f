import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, MethodView, get, type RequestContext } from "../../src/index.js";
import { exchange, wireHeader, type WireResponse } from "../reliability/hostile-raw-http.js";
import type { Served } from "./conformance.js";
import { targets } from "./targets.js";

/** Declares the param route before the static one: the order must not matter. */
class Spec extends MethodView {
  @get("/:id")
  byId(ctx: RequestContext) {
    return { route: "param", id: ctx.params.id };
  }

  @get("/teapot")
  teapot() {
    return { route: "static" };
  }

  @get("/*")
  rest(ctx: RequestContext) {
    return { route: "wildcard", rest: ctx.params["*"] };
  }
}

/** Fastify's router refuses a malformed percent-encoding before any route runs (its `frameworkErrors` option words it). */
const ROUTER_REFUSES_BAD_URL = new Set(["methodview/fastify"]);

function targetApp(): App {
  const app = new App({ logger: { error: () => undefined, warn: () => undefined } });
  app.beforeRequest((ctx) => (ctx.path.startsWith("/guarded") ? [{ guarded: ctx.path }, 403] : undefined));
  app.route("/guarded/secret", () => ({ leaked: true }));
  app.route("/where/*", (ctx) => ({ path: ctx.path, rest: ctx.params["*"] }));
  app.register("/spec", Spec);
  return app;
}

describe("request targets: ctx.path is the path routing matched, on every host", () => {
  for (const target of targets) {
    describe(target.name, () => {
      let app: App;
      let served: Served;
      let port: number;
      let prefix: string;

      beforeAll(async () => {
        app = targetApp();
        served = await target.serve(app);
        const url = new URL(served.url);
        port = Number(url.port);
        prefix = url.pathname === "/" ? "" : url.pathname;
      });
      afterAll(async () => {
        await served?.close();
        await app?.close();
      });

      /** Sends one raw request line and returns its single response. */
      const raw = async (requestTarget: string, method = "GET"): Promise<WireResponse> => {
        const head = `${method} ${requestTarget} HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n`;
        const { responses } = await exchange(port, Buffer.from(head, "latin1"), { head: method === "HEAD" });
        expect(responses).toHaveLength(1);
        return responses[0]!;
      };
      const json = (response: WireResponse) => JSON.parse(response.body.toString("utf8")) as Record<string, unknown>;
      const notFound = (response: WireResponse) => {
        expect(response.status).toBe(404);
        if (target.notFound === "app") expect(wireHeader(response, "content-type")).toBe("application/problem+json");
      };

      it("absolute-form: the hook sees the path, not the URL", async () => {
        const guarded = await raw(`http://example.test${prefix}/guarded/secret`);
        expect(guarded.status).toBe(403);
        expect(json(guarded)).toEqual({ guarded: "/guarded/secret" });
        const where = await raw(`http://example.test${prefix}/where/a?x=1`);
        expect(json(where)).toEqual({ path: "/where/a", rest: "a" });
        expect(json(await raw(`http://example.test:80${prefix}/where/b/../c`))).toEqual({ path: "/where/c", rest: "c" });
      });

      it("double slashes are kept, and matched as they are", async () => {
        const where = await raw(`${prefix}/where//a//b`);
        expect(where.status).toBe(200);
        expect(json(where)).toEqual({ path: "/where//a//b", rest: "/a//b" });
        notFound(await raw(`${prefix}//guarded/secret`));
      });

      it("asterisk-form OPTIONS * reaches no view", async () => {
        const star = await raw("*", "OPTIONS");
        expect(star.status).toBeGreaterThanOrEqual(400);
        expect(star.status).toBeLessThan(500);
        expect(star.body.toString("utf8")).not.toContain("leaked");
      });

      it("dot segments are resolved before routing, percent-encoded ones too", async () => {
        expect(json(await raw(`${prefix}/where/a/../b`))).toEqual({ path: "/where/b", rest: "b" });
        expect(json(await raw(`${prefix}/where/./c/.`))).toEqual({ path: "/where/c/", rest: "c/" });
        expect(json(await raw(`${prefix}/where/x/%2e%2E/d`))).toEqual({ path: "/where/d", rest: "d" });
        expect(json(await raw(`${prefix}/where/x/.%2e/%2e/e`))).toEqual({ path: "/where/e", rest: "e" });
        const around = await raw(`${prefix}/where/../guarded/secret`);
        expect(around.status).toBe(403);
        expect(json(around)).toEqual({ guarded: "/guarded/secret" });
        // Above the mount root: outside the App at a prefix, the server root otherwise.
        const above = await raw(`${prefix}/../../where/f`);
        if (prefix === "") expect(json(above)).toEqual({ path: "/where/f", rest: "f" });
        else expect(above.status).toBe(404);
      });

      it("static before param before wildcard, whatever the declaration order", async () => {
        expect(json(await raw(`${prefix}/spec/teapot`))).toEqual({ route: "static" });
        expect(json(await raw(`${prefix}/spec/%74eapot`))).toEqual({ route: "static" });
        expect(json(await raw(`${prefix}/spec/42`))).toEqual({ route: "param", id: "42" });
        expect(json(await raw(`${prefix}/spec/%34%32`))).toEqual({ route: "param", id: "42" });
        expect(json(await raw(`${prefix}/spec/4/2`))).toEqual({ route: "wildcard", rest: "4/2" });
      });

      it("a malformed percent-encoding is a 400 problem+json", async () => {
        for (const path of ["/spec/%zz", "/where/%E0%A4%A"]) {
          const bad = await raw(`${prefix}${path}`);
          expect(bad.status).toBe(400);
          if (!ROUTER_REFUSES_BAD_URL.has(target.name)) expect(wireHeader(bad, "content-type")).toBe("application/problem+json");
        }
      });
    });
  }
});
