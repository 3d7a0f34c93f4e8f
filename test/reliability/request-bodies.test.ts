import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, type AppOptions, type RequestContext } from "../../src/index.js";
import type { Served } from "../adapters/conformance.js";
import { eventually } from "../adapters/http-client.js";
import { targets } from "../adapters/targets.js";
import { exchange, wireHeader, type Exchange } from "./hostile-raw-http.js";

const PROBLEM = "application/problem+json";
const CUT_REQUESTS = 200;

/** The App the body suite serves: readers of every kind, a gated reader, and counters. */
function bodiesApp(options: AppOptions) {
  const seen = { entered: 0, teardowns: 0, outcomes: [] as string[] };
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const app = new App({ logger: { error: () => undefined, warn: () => undefined }, shutdownTimeout: 2000, ...options });
  app.teardownRequest(() => void seen.teardowns++);
  const post = (rule: string, handler: (ctx: RequestContext) => unknown) => app.route(rule, handler, { methods: ["POST"] });
  post("/gated", async (ctx) => {
    seen.entered++;
    await gate;
    try {
      const text = await ctx.text();
      seen.outcomes.push(`resolved ${text.length}`);
      return text;
    } catch (error) {
      seen.outcomes.push(`rejected ${(error as { status?: number }).status ?? "?"}`);
      throw error;
    }
  });
  post("/json", async (ctx) => ({ json: await ctx.json() }));
  post("/text", async (ctx) => ctx.text());
  post("/both", async (ctx) => ({ text: await ctx.text(), request: await ctx.request.text() }));
  post("/request-first", async (ctx) => ({ request: await ctx.request.text(), text: await ctx.text() }));
  post("/request-text", async (ctx) => ({ length: (await ctx.request.text()).length }));
  post("/request-buffer", async (ctx) => ({ length: (await ctx.request.arrayBuffer()).byteLength }));
  post("/request-blob", async (ctx) => ({ length: (await ctx.request.blob()).size }));
  post("/request-form", async (ctx) => ({ fields: [...(await ctx.request.formData()).keys()].length }));
  post("/request-stream", async (ctx) => {
    let length = 0;
    for await (const chunk of ctx.request.body as unknown as AsyncIterable<Uint8Array>) length += chunk.byteLength;
    return { length };
  });
  return { app, seen, open };
}

/** One raw HTTP/1.1 request: `head` lines after the request line, then the body bytes. */
function raw(prefix: string, path: string, headers: readonly string[], body: Buffer | string = ""): Buffer {
  const head = [`POST ${prefix}${path} HTTP/1.1`, "Host: 127.0.0.1", ...headers, "", ""].join("\r\n");
  return Buffer.concat([Buffer.from(head, "latin1"), Buffer.isBuffer(body) ? body : Buffer.from(body)]);
}

function first(answer: Exchange) {
  const response = answer.responses[0];
  return { status: response?.status, type: response && wireHeader(response, "content-type"), body: response?.body.toString("utf8") ?? "" };
}

function connected(port: number, bytes: Buffer): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes, () => resolve(socket)));
    socket.on("error", () => undefined);
  });
}

function where(served: Served) {
  const url = new URL(served.url);
  return { port: Number(url.port), prefix: url.pathname === "/" ? "" : url.pathname };
}

for (const target of targets) {
  describe(`request bodies (ctx.text(), ctx.json(), ctx.request): ${target.name}`, () => {
    describe("a body cut short before the handler reads it (issue 9, defect 3)", () => {
      it(`${CUT_REQUESTS} clients that send 5 of 100 bytes and leave: every read rejects, teardown runs, nothing stays in flight`, async () => {
        const { app, seen, open } = bodiesApp({});
        const served = await target.serve(app);
        const { port, prefix } = where(served);
        try {
          const bytes = raw(prefix, "/gated", ["Content-Type: application/octet-stream", "Content-Length: 100"], "hello");
          const sockets = await Promise.all(Array.from({ length: CUT_REQUESTS }, () => connected(port, bytes)));
          expect(await eventually(async () => seen.entered === CUT_REQUESTS), "every handler started").toBe(true);
          for (const socket of sockets) socket.destroy();
          // Let the server see every client leave before the handlers read.
          await new Promise((resolve) => setTimeout(resolve, 300));
          open();
          expect(await eventually(async () => seen.teardowns === CUT_REQUESTS), `teardowns: ${seen.teardowns}`).toBe(true);
          expect(new Set(seen.outcomes)).toEqual(new Set(["rejected 400"]));
          const report = await app.close();
          expect(report.requests.pending).toBe(0);
        } finally {
          await served.close();
        }
      });
    });

    describe("a body that does not arrive in time (issue 9, defect 10)", () => {
      const stalled = (prefix: string) => [
        raw(prefix, "/json", ["Content-Type: application/json", "Content-Length: 20"], '{"a"'),
        Buffer.from(":"),
        Buffer.from(" "),
      ];

      it("bodyTimeout: a JSON body that stalls is a 408 problem+json, teardown runs", async () => {
        const { app, seen } = bodiesApp({ bodyTimeout: 300 });
        const served = await target.serve(app);
        const { port, prefix } = where(served);
        try {
          const answer = first(await exchange(port, stalled(prefix), { gapMs: 100, timeoutMs: 4000 }));
          expect([answer.status, answer.type]).toEqual([408, PROBLEM]);
          expect(JSON.parse(answer.body)).toMatchObject({ status: 408, detail: "The request body did not arrive within 300 ms" });
          expect(await eventually(async () => seen.teardowns === 1)).toBe(true);
          expect((await app.close()).requests.pending).toBe(0);
        } finally {
          await served.close();
        }
      });

      it("handlerTimeout covers the body read: a stalled body is a 503 problem+json, teardown runs", async () => {
        const { app, seen } = bodiesApp({ handlerTimeout: 300 });
        const served = await target.serve(app);
        const { port, prefix } = where(served);
        try {
          const answer = first(await exchange(port, stalled(prefix), { gapMs: 100, timeoutMs: 4000 }));
          expect([answer.status, answer.type]).toEqual([503, PROBLEM]);
          expect(await eventually(async () => seen.teardowns === 1)).toBe(true);
          expect((await app.close()).requests.pending).toBe(0);
        } finally {
          await served.close();
        }
      });
    });

    describe("ctx.request and the App's body rules (issue 9, defect 15; content types)", () => {
      let app: App;
      let served: Served;
      let port: number;
      let prefix: string;
      const send = async (path: string, headers: readonly string[], body: Buffer | string = "") =>
        first(await exchange(port, raw(prefix, path, ["Connection: close", ...headers], body), { timeoutMs: 4000 }));

      beforeAll(async () => {
        ({ app } = bodiesApp({ bodyLimit: 1024 }));
        served = await target.serve(app);
        ({ port, prefix } = where(served));
      });

      afterAll(async () => {
        await served?.close();
        await app?.close();
      });

      const big = "x".repeat(50_000);
      const chunked = (body: string) => `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
      const form = (value: string) => `--b\r\nContent-Disposition: form-data; name="f"\r\n\r\n${value}\r\n--b--\r\n`;

      for (const path of ["/request-text", "/request-buffer", "/request-blob", "/request-stream"]) {
        it(`${path}: 50 kB past a bodyLimit of 1 kB is a 413, declared or chunked; 10 bytes are read`, async () => {
          const declared = await send(path, ["Content-Type: text/plain", `Content-Length: ${big.length}`], big);
          expect([declared.status, declared.type]).toEqual([413, PROBLEM]);
          const streamed = await send(path, ["Content-Type: text/plain", "Transfer-Encoding: chunked"], chunked(big));
          expect([streamed.status, streamed.type]).toEqual([413, PROBLEM]);
          const small = await send(path, ["Content-Type: text/plain", "Content-Length: 10"], "0123456789");
          expect([small.status, small.body]).toEqual([200, '{"length":10}']);
        });
      }

      it("ctx.request.formData(): a 50 kB form past a bodyLimit of 1 kB is a 413; a small form is read", async () => {
        const type = "Content-Type: multipart/form-data; boundary=b";
        const large = form(big);
        const refused = await send("/request-form", [type, `Content-Length: ${large.length}`], large);
        expect([refused.status, refused.type]).toEqual([413, PROBLEM]);
        const small = form("v");
        const read = await send("/request-form", [type, `Content-Length: ${small.length}`], small);
        expect([read.status, read.body]).toEqual([200, '{"fields":1}']);
      });

      it("ctx.text() and ctx.request.text() share one read, in either order: never an empty string", async () => {
        for (const path of ["/both", "/request-first"]) {
          const answer = await send(path, ["Content-Type: text/plain", "Content-Length: 5"], "hello");
          expect([path, answer.status, JSON.parse(answer.body)]).toEqual([path, 200, { text: "hello", request: "hello" }]);
        }
      });

      it("two Content-Type fields that differ are a 415 for ctx.json() and ctx.text(); two that agree count as one", async () => {
        const body = '{"a":1}';
        const length = `Content-Length: ${body.length}`;
        for (const path of ["/json", "/text"]) {
          const differ = await send(path, ["Content-Type: application/json", "Content-Type: text/plain", length], body);
          expect([path, differ.status, differ.type]).toEqual([path, 415, PROBLEM]);
          expect(JSON.parse(differ.body).detail).toBe("The request has more than one Content-Type, and they differ");
        }
        const agree = await send("/json", ["Content-Type: application/json", "Content-Type: application/json", length], body);
        expect([agree.status, agree.body]).toEqual([200, '{"json":{"a":1}}']);
      });

      it("ctx.text() decodes the declared charset; an unknown one is a 415", async () => {
        const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9]);
        const decoded = await send("/text", ["Content-Type: text/plain; charset=ISO-8859-1", "Content-Length: 4"], latin1);
        expect([decoded.status, decoded.body]).toEqual([200, "café"]);
        const utf16 = Buffer.from("hé", "utf16le");
        const wide = await send("/text", ['Content-Type: text/plain; charset="utf-16le"', `Content-Length: ${utf16.length}`], utf16);
        expect([wide.status, wide.body]).toEqual([200, "hé"]);
        const unknown = await send("/text", ["Content-Type: text/plain; charset=x-unknown", "Content-Length: 4"], latin1);
        expect([unknown.status, unknown.type]).toEqual([415, PROBLEM]);
        const invalid = await send("/text", ["Content-Type: text/plain; charset=utf-8", "Content-Length: 4"], latin1);
        expect([invalid.status, invalid.type]).toEqual([400, PROBLEM]);
      });

      it("ctx.json() reads UTF-8 only (RFC 8259): another charset is a 415", async () => {
        const body = '{"a":"é"}';
        const length = `Content-Length: ${Buffer.byteLength(body)}`;
        const utf8 = await send("/json", ["Content-Type: application/json; charset=UTF-8", length], body);
        expect([utf8.status, utf8.body]).toEqual([200, '{"json":{"a":"é"}}']);
        const latin1 = await send("/json", ["Content-Type: application/json; charset=iso-8859-1", length], body);
        expect([latin1.status, latin1.type]).toEqual([415, PROBLEM]);
      });
    });
  });
}
