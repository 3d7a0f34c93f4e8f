import { chunked } from "./hostile-bodies.js";
import { request, utf8Bytes, type HostileRequest } from "./hostile-request.js";

// Cases every run starts with (fast-check `examples`), by property group: the ones that found
// bugs once, and the ones each allowance is about, so that neither depends on the random draw.

const json = (body: Buffer | string, headers: [string, string][] = []) => {
  const payload = Buffer.from(body);
  return request({ method: "POST", target: "/echo", headers: [["content-type", "application/json"], ["content-length", String(payload.length)], ...headers], body: payload, payload });
};

export const EXAMPLES = {
  methods: [
    request({ method: "get", target: "/health" }),
    request({ method: "CONNECT", target: "/health" }),
    request({ method: "PROPFIND", target: "/health" }),
    request({ method: "QUERY", target: "/health" }),
    request({ method: "X".repeat(12_000), target: "/health" }),
  ],
  paths: [
    // answerClientError once sent a body in its answer to a HEAD request node's parser refused.
    request({ method: "HEAD", target: `/params/${utf8Bytes("é")}` }),
    request({ method: "GET", target: "/params/%E0%A4%A" }),
    request({ method: "GET", target: `/params/${"b".repeat(2000)}` }),
    request({ method: "GET", target: "/files/../../etc/passwd" }),
    request({ method: "GET", target: "*" }),
    request({ method: "GET", target: `/files/${"a".repeat(8192)}` }),
  ],
  queries: [request({ method: "GET", target: "/params/abc?__proto__[mvPolluted]=1&constructor[prototype][mvPolluted]=1&q=%zz" })],
  headers: [
    request({ method: "GET", target: "/headers", host: null }),
    request({ method: "GET", target: "/headers", headers: [["expect", "teapot"]] }),
    request({ method: "GET", target: "/headers", host: "a b" }),
    request({ method: "GET", target: "/headers", headers: [["x-probe", "\u00ff\u00fe"]] }),
    request({ method: "GET", target: "/headers", headers: [["x-big", "v".repeat(20_000)]] }),
  ],
  json: [
    // Fastify's JSON parser once decoded invalid UTF-8 lossily and the echo answered 200.
    (() => {
      const payload = Buffer.concat([Buffer.from('{"s":"'), Buffer.from([0xff]), Buffer.from('"}')]);
      return request({ method: "POST", target: "/echo", headers: [["content-type", "application/json"], ["transfer-encoding", "chunked"]], body: chunked(payload, [3]), payload });
    })(),
    json('{"__proto__":{"mvPolluted":true}}'),
    json('{"constructor":{"prototype":{"mvPolluted":true}}}'),
    json(`${"[".repeat(10_000)}${"]".repeat(10_000)}`),
    json(`${"[".repeat(2000)}${"]".repeat(2000)}`),
    json('{"n":1e999999,"m":123456789012345678901234567890}'),
    json('{"a":1}', [["expect", "100-continue"]]),
  ],
  framing: [
    // app.fetch once answered a body cut short (the client half-closed) with a logged 500.
    request({ method: "POST", target: "/echo", headers: [["content-type", "application/json"], ["content-length", "100"]], body: Buffer.from('{"a":'), lie: true, truncated: true }),
    request({ method: "POST", target: "/echo", headers: [["content-type", "application/json"], ["transfer-encoding", "chunked"]], body: Buffer.from('3\r\n{"a":1}\r\n0\r\n\r\n'), lie: true }),
    request({ method: "POST", target: "/text", headers: [["content-type", "text/plain"], ["transfer-encoding", "chunked"]], body: Buffer.from(`${"1\r\na\r\n".repeat(5000)}0\r\n\r\n`) }),
    // answerClientError once wrote its 400 into the middle of a streamed response when bytes node refused came after the request.
    request({ method: "GET", target: "/stream", body: Buffer.from("GARBAGE\r\n\r\n"), lie: true, pieces: 2 }),
  ],
} satisfies Record<string, readonly HostileRequest[]>;
