import { Agent } from "node:http";
import fc from "fast-check";
import secureJson from "secure-json-parse";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../src/index.js";
import { httpRequest, servers, silentLogger, type RawResponse } from "./support.js";

const serve = servers();
const agents: Agent[] = [];

afterEach(() => {
  for (const agent of agents.splice(0)) agent.destroy();
});

const JSON_HEADERS = { "content-type": "application/json" };

/** An App echoing JSON and text bodies, with a small body limit, served over HTTP. */
async function bodyServer(bodyLimit = 32) {
  const app = new App({ bodyLimit, logger: silentLogger() });
  app.route("/json", async (ctx) => ({ received: await ctx.json() }), { methods: ["POST"] });
  app.route("/text", async (ctx) => `text: ${await ctx.text()}`, { methods: ["POST"] });
  app.route("/items/:id", (ctx) => ctx.params.id ?? "");
  app.route("/health", () => "ok");
  const { url } = await serve.listen(app);
  // One socket: the request after an error must get through, on the same connection or a new one.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  agents.push(agent);
  const send = (path: string, init: Parameters<typeof httpRequest>[1] = {}) => httpRequest(`${url}${path}`, { ...init, agent });
  return { app, url, send };
}

function expectProblem(response: RawResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers["content-type"]).toBe("application/problem+json");
  expect(JSON.parse(response.body)).toMatchObject({ status, code });
}

async function expectStillServing(send: Awaited<ReturnType<typeof bodyServer>>["send"]) {
  const next = await send("/health");
  expect(next.status).toBe(200);
  expect(next.body).toBe("ok");
}

describe("ctx.json()", () => {
  it("parses a JSON body, application/json or any +json type", async () => {
    const { send } = await bodyServer();
    const plain = await send("/json", { method: "POST", headers: JSON_HEADERS, chunks: ['{"a":[1,2]}'] });
    expect(JSON.parse(plain.body)).toEqual({ received: { a: [1, 2] } });
    const vendor = await send("/json", { method: "POST", headers: { "content-type": "application/vnd.api+json; charset=utf-8" }, chunks: ["[true]"] });
    expect(JSON.parse(vendor.body)).toEqual({ received: [true] });
  });

  it("returns the same value when called twice", async () => {
    const app = new App();
    app.route("/", async (ctx) => ({ same: (await ctx.json()) === (await ctx.json()) }), { methods: ["POST"] });
    const response = await app.request("/", { method: "POST", headers: JSON_HEADERS, body: "{}" });
    expect(await response.json()).toEqual({ same: true });
  });

  it.each([
    ["__proto__", '{"__proto__":{"polluted":true}}'],
    ["nested __proto__", '{"user":{"__proto__":{"polluted":true}}}'],
    ["constructor.prototype", '{"constructor":{"prototype":{"polluted":true}}}'],
    ["an escaped __proto__", '{"\\u005f_proto__":{"polluted":true}}'],
    ["an escaped constructor.prototype", '{"\\u0063onstructor":{"prototype":{"polluted":true}}}'],
    ["__proto__ after a byte order mark", '\ufeff{"__proto__":{"polluted":true}}'],
  ])("refuses %s with a 400 and leaves Object.prototype untouched", async (_name, body) => {
    const { send } = await bodyServer(1024);
    const response = await send("/json", { method: "POST", headers: JSON_HEADERS, chunks: [body] });
    expectProblem(response, 400, "MV_BAD_REQUEST");
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    await expectStillServing(send);
  });

  it("parses a body after a byte order mark, and one with escapes", async () => {
    const { send } = await bodyServer();
    const bom = await send("/json", { method: "POST", headers: JSON_HEADERS, chunks: ['\ufeff{"a":1}'] });
    expect(JSON.parse(bom.body)).toEqual({ received: { a: 1 } });
    const escaped = await send("/json", { method: "POST", headers: JSON_HEADERS, chunks: ['{"a":"\\u00e9\\n"}'] });
    expect(JSON.parse(escaped.body)).toEqual({ received: { a: "\u00e9\n" } });
  });

  it("answers malformed JSON and an empty body with a 400", async () => {
    const { send } = await bodyServer();
    expectProblem(await send("/json", { method: "POST", headers: JSON_HEADERS, chunks: ['{"a":'] }), 400, "MV_BAD_REQUEST");
    expectProblem(await send("/json", { method: "POST", headers: JSON_HEADERS }), 400, "MV_BAD_REQUEST");
    await expectStillServing(send);
  });

  it("keeps secure-json-parse's answer for any text: the value, or a 400 for a forbidden key or malformed JSON", async () => {
    const app = new App({ logger: silentLogger() });
    app.route("/json", async (ctx) => ({ received: await ctx.json() }), { methods: ["POST"] });
    // JSON text whose keys are often the ones the library refuses, spelt plainly or escaped,
    // or near them; now and then cut short, blank, or after a byte order mark.
    const key = fc.constantFrom("__proto__", "constructor", "prototype", "proto", "a", "\\u005f_proto__", "\\u0063onstructor", "\\u0070rototype", "__pro\\u0074o__", "x\\ny");
    const { text } = fc.letrec<{ text: string; object: string; array: string }>((tie) => ({
      text: fc.oneof({ depthSize: "small" }, fc.constantFrom("1", "null", '"s"', "true"), tie("object"), tie("array")),
      object: fc.array(fc.tuple(key, tie("text")), { maxLength: 3 }).map((entries) => `{${entries.map(([k, v]) => `"${k}":${v}`).join(",")}}`),
      array: fc.array(tie("text"), { maxLength: 3 }).map((items) => `[${items.join(",")}]`),
    }));
    const body = fc.oneof(
      { weight: 6, arbitrary: text },
      text.chain((t) => fc.nat({ max: t.length }).map((n) => t.slice(0, n))),
      text.map((t) => `\ufeff${t}`),
      fc.constantFrom("", "  ", "\ufeff", " \n\t"),
    );
    await fc.assert(
      fc.asyncProperty(body, async (sent) => {
        let expected: { value: unknown } | undefined;
        try {
          expected = { value: secureJson.parse(sent, undefined, { protoAction: "error", constructorAction: "error" }) };
        } catch {
          expected = undefined;
        }
        const response = await app.request("/json", { method: "POST", headers: JSON_HEADERS, body: sent });
        if (expected === undefined) {
          expect(response.status).toBe(400);
          expect(response.headers.get("content-type")).toBe("application/problem+json");
        } else {
          expect(response.status).toBe(200);
          expect(await response.json()).toEqual({ received: JSON.parse(JSON.stringify(expected.value)) });
        }
        expect(Object.prototype).not.toHaveProperty("polluted");
      }),
      { numRuns: 1500 },
    );
  });

  it("tells an empty or blank body apart from malformed JSON", async () => {
    const { send } = await bodyServer();
    for (const blank of ["", "  \n", "\ufeff"]) {
      const response = await send("/json", { method: "POST", headers: JSON_HEADERS, chunks: blank === "" ? [] : [blank] });
      expectProblem(response, 400, "MV_BAD_REQUEST");
      expect(JSON.parse(response.body).detail).toBe("The request body is empty; expected JSON");
    }
    const malformed = await send("/json", { method: "POST", headers: JSON_HEADERS, chunks: ["{x"] });
    expect(JSON.parse(malformed.body).detail).toMatch(/^The request body is not valid JSON: /);
  });

  it("answers each request by its own content type, whatever the one before it sent", async () => {
    const { send } = await bodyServer();
    const sends: [string, number][] = [
      ["application/json", 200],
      ["text/plain", 415],
      ["application/json", 200],
      ["application/json; charset=latin1", 415],
      ["application/json; charset=utf-8", 200],
      ["application/vnd.api+json", 200],
      ["application/json, text/plain", 415],
      ["application/json", 200],
    ];
    for (const [type, status] of sends) {
      const response = await send("/json", { method: "POST", headers: { "content-type": type }, chunks: ['{"a":1}'] });
      expect([type, response.status]).toEqual([type, status]);
    }
  });

  it("answers a body that is not JSON, or has no content type, with a 415", async () => {
    const { send } = await bodyServer();
    expectProblem(await send("/json", { method: "POST", headers: { "content-type": "text/plain" }, chunks: ["{}"] }), 415, "MV_UNSUPPORTED_MEDIA_TYPE");
    expectProblem(await send("/json", { method: "POST", chunks: ["{}"] }), 415, "MV_UNSUPPORTED_MEDIA_TYPE");
    await expectStillServing(send);
  });
});

describe("bodyLimit", () => {
  it("answers 413 for a declared content-length over the limit, and keeps serving", async () => {
    const { send } = await bodyServer(32);
    const body = JSON.stringify({ text: "x".repeat(100) });
    const response = await send("/json", { method: "POST", headers: { ...JSON_HEADERS, "content-length": String(Buffer.byteLength(body)) }, chunks: [body] });
    expectProblem(response, 413, "MV_PAYLOAD_TOO_LARGE");
    await expectStillServing(send);
  });

  it("answers 413 for a chunked body that grows past the limit, and keeps serving", async () => {
    const { send } = await bodyServer(32);
    const chunks = ['{"text":"', "x".repeat(20), "x".repeat(20), "x".repeat(20), '"}'];
    const response = await send("/json", { method: "POST", headers: JSON_HEADERS, chunks, pauseMs: 10 });
    expectProblem(response, 413, "MV_PAYLOAD_TOO_LARGE");
    await expectStillServing(send);
  });

  it("answers 413 for ctx.text() too, and reads a body at the limit", async () => {
    const { send } = await bodyServer(8);
    expect((await send("/text", { method: "POST", chunks: ["12345678"] })).body).toBe("text: 12345678");
    expectProblem(await send("/text", { method: "POST", chunks: ["1234", "56789"] }), 413, "MV_PAYLOAD_TOO_LARGE");
    await expectStillServing(send);
  });
});

describe("ctx.text()", () => {
  it("reads the body as UTF-8 text", async () => {
    const { send } = await bodyServer();
    const response = await send("/text", { method: "POST", headers: { "content-type": "text/plain" }, chunks: ["héllo ", "wörld"] });
    expect(response.body).toBe("text: héllo wörld");
  });

  it("answers invalid UTF-8 with a 400", async () => {
    const { send } = await bodyServer();
    expectProblem(await send("/text", { method: "POST", chunks: [Buffer.from([0xc3, 0x28])] }), 400, "MV_BAD_REQUEST");
    await expectStillServing(send);
  });

  it("reads an empty body as an empty string", async () => {
    const app = new App();
    app.route("/", async (ctx) => `[${await ctx.text()}]`, { methods: ["POST"] });
    expect(await (await app.request("/", { method: "POST" })).text()).toBe("[]");
  });
});

describe("the request path", () => {
  it("answers a malformed percent-encoding with a 400 problem+json, and keeps serving", async () => {
    const { send } = await bodyServer();
    expectProblem(await send("/items/%E0%A4%A"), 400, "MV_BAD_REQUEST");
    expectProblem(await send("/items/100%"), 400, "MV_BAD_REQUEST");
    expect((await send("/items/caf%C3%A9")).body).toBe("café");
  });
});
