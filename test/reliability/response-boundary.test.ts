import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toHono } from "../../src/adapters/hono/index.js";
import { App, ConfigurationError } from "../../src/index.js";
import type { ConformanceTarget, Served } from "../adapters/conformance.js";
import { closeServer, targets } from "../adapters/targets.js";
import { exchange, type Exchange } from "./hostile-raw-http.js";
import { boundaryApp, INTERNAL } from "./response-boundary-app.js";
import { finalResponse, rawExchange, rawRequest, statusLine, wireFaults } from "./response-wire.js";

// Issue 9's response defects, each on every target: where a handler's result becomes a
// response, an invalid one is a logged 500 problem+json that names nothing internal, and what
// goes on the wire is one valid HTTP/1.1 response whatever the handler returned.

const HIDDEN_500 = [
  ["/header-crlf", "a header value with CR/LF"],
  ["/header-ctl", "a header value with a control character"],
  ["/header-nul", "a header value with NUL"],
  ["/header-non-latin1", "a header value above U+00FF"],
  ["/header-name", "a header name that is no token"],
  ["/status-99", "an HttpError whose status was set to 99"],
  ["/status-1000", "an HttpError whose status was set to 1000"],
  ["/redirect-crlf", "redirect() to a URL with CR/LF"],
  ["/tuple-103", "a tuple with the interim status 103"],
  ["/json-103", "json() with the interim status 103"],
  ["/text-103", "text() with the interim status 103"],
  ["/status-nan", "a status of NaN"],
  ["/status-abc", 'a status of "abc"'],
  ["/status-99-view", "a status of 99"],
  ["/status-1000-view", "a status of 1000"],
  ["/throw-getter", "an Error whose message getter throws"],
  ["/throw-proxy", "a revoked Proxy thrown"],
  ["/to-evil", "urlFor() of a wildcard that would leave the origin"],
] as const;

/** Hono with no middleware in front: the route's Response goes straight to @hono/node-server (defect 1's crash). */
const bareHono: ConformanceTarget = {
  name: "methodview/hono, no middleware",
  notFound: "host",
  async serve(app) {
    const hono = new Hono().route("/api", toHono(app));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: hono.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, close: () => closeServer(server as unknown as Server) };
  },
};

for (const target of [...targets, bareHono]) {
  describe(`the response boundary: ${target.name}`, () => {
    const logged: unknown[] = [];
    let app: App;
    let hooks: string[];
    let served: Served;
    let port: number;
    let prefix: string;
    const get = (path: string, method = "GET") => rawExchange(port, method, `${prefix}${path}`);

    beforeAll(async () => {
      ({ app, hooks } = boundaryApp({ error: (_message, error) => void logged.push(error), warn: () => undefined }));
      served = await target.serve(app);
      const url = new URL(served.url);
      port = Number(url.port);
      prefix = url.pathname === "/" ? "" : url.pathname;
    });
    afterAll(async () => {
      await served?.close();
      await app?.close();
    });

    async function expectHidden500(answer: Exchange): Promise<void> {
      expect(wireFaults(answer)).toEqual([]);
      const response = finalResponse(answer)!;
      expect(response.status).toBe(500);
      expect(statusLine(answer)).toBe("HTTP/1.1 500 Internal Server Error");
      expect(response.headers["content-type"]).toEqual(["application/problem+json"]);
      expect(JSON.parse(response.body.toString())).toMatchObject({ status: 500, code: "MV_INTERNAL_SERVER_ERROR" });
      expect(answer.bytes.toString("latin1")).not.toContain(INTERNAL);
      expect(response.headers["set-cookie"]).toBeUndefined();
      // The process lives and serves.
      const health = await get("/health");
      expect(finalResponse(health)?.body.toString()).toBe("ok");
    }

    for (const [path, what] of HIDDEN_500) {
      it(`${what} (${path}): a logged 500 problem+json naming nothing internal`, async () => {
        logged.length = 0;
        await expectHidden500(await get(path));
        expect(logged.length, "the logger hears of the handler bug").toBeGreaterThan(0);
      });
    }

    it("a thrown value that cannot be described still runs the after and teardown hooks (defect 11)", async () => {
      hooks.length = 0;
      await expectHidden500(await get("/throw-getter"));
      await expectHidden500(await get("/throw-proxy"));
      for (const path of ["/throw-getter", "/throw-proxy"]) {
        expect(hooks).toContain(`after ${path}`);
        expect(hooks).toContain(`teardown ${path}`);
      }
    });

    it("a handler-set Content-Length or Transfer-Encoding is not trusted: pipelined responses stay in step (defect 5)", async () => {
      for (const path of ["/content-length", "/transfer-encoding"]) {
        const first = Buffer.from(`GET ${prefix}${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, "latin1");
        const answer = await exchange(port, Buffer.concat([first, rawRequest("GET", `${prefix}/health`)]));
        expect(answer.rest).toBe("none");
        expect(answer.responses.map((response) => [response.status, response.body.toString()])).toEqual([
          [200, "hello"],
          [200, "ok"],
        ]);
        expect(answer.responses[0]!.headers["content-length"] ?? ["5"]).toEqual(["5"]);
      }
    });

    it("redirect() percent-encodes non-ASCII and keeps existing escapes (defect 8)", async () => {
      const answer = await get("/redirect-euro");
      expect(wireFaults(answer)).toEqual([]);
      expect(finalResponse(answer)?.status).toBe(302);
      expect(finalResponse(answer)?.headers.location).toEqual(["/%E2%82%AC?q=%41%20b"]);
    });

    it("a 204 or 304 carries no Content-Length and no body, whatever the handler gave (defect 13)", async () => {
      for (const [path, status] of [["/204-body", 204], ["/304-body", 304], ["/204-null", 204]] as const) {
        for (const method of ["GET", "HEAD"]) {
          const answer = await get(path, method);
          expect(wireFaults(answer, method === "HEAD")).toEqual([]);
          expect(finalResponse(answer)?.status).toBe(status);
          expect(finalResponse(answer)?.headers["content-length"]).toBeUndefined();
        }
      }
    });
  });
}

describe("app.fetch (defect 9)", () => {
  it("never rejects: invalid response headers are a logged 500 problem+json", async () => {
    const logged: unknown[] = [];
    const { app } = boundaryApp({ error: (_message, error) => void logged.push(error), warn: () => undefined });
    for (const path of ["/header-crlf", "/header-non-latin1", "/header-name", "/status-nan", "/status-1000-view"]) {
      logged.length = 0;
      const response = await app.request(path);
      expect(response.status).toBe(500);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.text()).not.toContain(INTERNAL);
      expect(logged.length).toBeGreaterThan(0);
    }
  });
});

describe("app.urlFor() (defect 12)", () => {
  const app = new App();
  app.route("/*", () => "root", { endpoint: "root" });
  app.route("/files/*", () => "files", { endpoint: "files" });
  app.route("/users/:id", () => "user", { endpoint: "user" });
  app.route("/a/:x/:y", () => "a", { endpoint: "pair" });

  it("refuses values that would leave the origin or climb out of the rule", () => {
    const refused: [string, Record<string, string>][] = [
      ["root", { "*": "/evil.example/x" }],
      ["root", { "*": "" }],
      ["files", { "*": "../admin" }],
      ["files", { "*": "a/./b" }],
      ["files", { "*": "a//b" }],
      ["user", { id: ".." }],
      ["user", { id: "." }],
      ["pair", { x: "", y: "evil.example" }],
    ];
    for (const [endpoint, params] of refused) {
      expect(() => app.urlFor(endpoint, params), `${endpoint} ${JSON.stringify(params)}`).toThrow(ConfigurationError);
      expect(() => app.urlFor(endpoint, params)).toThrow(expect.objectContaining({ code: "MV_URL_BUILD" }));
    }
  });

  it("builds every other value as a path on this origin, encoded", () => {
    expect(app.urlFor("root", { "*": "evil.example/x" })).toBe("/evil.example/x");
    expect(app.urlFor("files", { "*": "a b/c/" })).toBe("/files/a%20b/c/");
    expect(app.urlFor("user", { id: "..." })).toBe("/users/...");
    expect(app.urlFor("user", { id: "a/b" })).toBe("/users/a%2Fb");
    expect(app.urlFor("user", { id: "\\evil" })).toBe("/users/%5Cevil");
  });
});
