import { Agent, request as httpRequest } from "node:http";
import { describe, it, vi } from "vitest";
import { App } from "../../src/index.js";

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function post(url: string, chunks: string[], headers: Record<string, string>) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers, agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => { done = true; resolve({ status: res.statusCode!, body, headers: res.headers }); });
    });
    let done = false; req.on("error", (e) => { if (!done) reject(e); });
    void (async () => {
      for (const c of chunks) { req.write(c); await new Promise((r) => setTimeout(r, 20)); }
      req.end();
    })();
  });
}

describe("scratch", () => {
  it("413 chunked", async () => {
    const logger = { error: vi.fn(), warn: vi.fn() };
    const app = new App({ bodyLimit: 16, logger });
    app.route("/echo", async (ctx) => ctx.text(), { methods: ["POST"] });
    app.route("/ok", () => "ok");
    const s = await app.listen({ port: 0 });
    try {
      const r1 = await post(`${s.url}/echo`, ["a".repeat(10), "b".repeat(10), "c".repeat(10), "d".repeat(10)], {}).catch(e => e);
      console.log("chunked", r1);
      const r2 = await post(`${s.url}/echo`, ["x".repeat(10)], {}).catch(e => e);
      console.log("next", r2);
    } finally {
      await s.close();
      console.log(logger.error.mock.calls);
    }
  });
});
