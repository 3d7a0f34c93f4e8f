import { expect } from "vitest";
import { exchange, wireHeader, type WireResponse } from "../reliability/hostile-raw-http.js";
import type { ConformanceTarget, Served } from "./conformance.js";

/** Fastify's router refuses a malformed percent-encoding before any route runs (its `frameworkErrors` option words it). */
const ROUTER_REFUSES_BAD_URL = new Set(["methodview/fastify"]);

/**
 * The request-target cases of the conformance suite, over raw TCP since no HTTP client sends
 * such targets: `ctx.path` is the path routing matched (absolute-form, double slashes, dot
 * segments, `OPTIONS *`), and routing picks static before parameter before wildcard.
 * The routes are the conformance App's `/guarded`, `/where/*` and `/spec`.
 */
export function pathConformance(target: ConformanceTarget, named: (name: string, fn: () => Promise<void>) => void, servedNow: () => Served): void {
  const address = () => {
    const url = new URL(servedNow().url);
    return { port: Number(url.port), prefix: url.pathname === "/" ? "" : url.pathname };
  };
  /** Sends one raw request line and returns its single response. */
  const raw = async (requestTarget: string, method = "GET"): Promise<WireResponse> => {
    const head = `${method} ${requestTarget} HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n`;
    const { responses } = await exchange(address().port, Buffer.from(head, "latin1"), { head: method === "HEAD" });
    expect(responses).toHaveLength(1);
    return responses[0]!;
  };
  const json = (response: WireResponse) => JSON.parse(response.body.toString("utf8")) as Record<string, unknown>;
  const notFound = (response: WireResponse) => {
    expect(response.status).toBe(404);
    if (target.notFound === "app") expect(wireHeader(response, "content-type")).toBe("application/problem+json");
  };

  named("absolute-form: the hook sees the path, not the URL", async () => {
    const { prefix } = address();
    const guarded = await raw(`http://example.test${prefix}/guarded/secret`);
    expect(guarded.status).toBe(403);
    expect(json(guarded)).toEqual({ guarded: "/guarded/secret" });
    const where = await raw(`http://example.test${prefix}/where/a?x=1`);
    expect(json(where)).toEqual({ path: "/where/a", rest: "a" });
    expect(json(await raw(`http://example.test:80${prefix}/where/b/../c`))).toEqual({ path: "/where/c", rest: "c" });
  });

  named("double slashes are kept, and matched as they are", async () => {
    const { prefix } = address();
    const where = await raw(`${prefix}/where//a//b`);
    expect(where.status).toBe(200);
    expect(json(where)).toEqual({ path: "/where//a//b", rest: "/a//b" });
    notFound(await raw(`${prefix}//guarded/secret`));
  });

  named("asterisk-form OPTIONS * reaches no view", async () => {
    const star = await raw("*", "OPTIONS");
    expect(star.status).toBeGreaterThanOrEqual(400);
    expect(star.status).toBeLessThan(500);
    expect(star.body.toString("utf8")).not.toContain("leaked");
  });

  named("dot segments are resolved before routing, percent-encoded ones too", async () => {
    const { prefix } = address();
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

  named("static before param before wildcard, whatever the declaration order", async () => {
    const { prefix } = address();
    expect(json(await raw(`${prefix}/spec/teapot`))).toEqual({ route: "static" });
    expect(json(await raw(`${prefix}/spec/%74eapot`))).toEqual({ route: "static" });
    expect(json(await raw(`${prefix}/spec/42`))).toEqual({ route: "param", id: "42" });
    expect(json(await raw(`${prefix}/spec/%34%32`))).toEqual({ route: "param", id: "42" });
    expect(json(await raw(`${prefix}/spec/4/2`))).toEqual({ route: "wildcard", rest: "4/2" });
  });

  named("a malformed percent-encoding is a 400 problem+json", async () => {
    const { prefix } = address();
    for (const path of ["/spec/%zz", "/where/%E0%A4%A"]) {
      const bad = await raw(`${prefix}${path}`);
      expect(bad.status).toBe(400);
      if (!ROUTER_REFUSES_BAD_URL.has(target.name)) expect(wireHeader(bad, "content-type")).toBe("application/problem+json");
    }
  });
}
