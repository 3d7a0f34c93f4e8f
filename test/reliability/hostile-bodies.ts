import fc from "fast-check";
import { HOSTILE_BODY_LIMIT } from "./hostile-app.js";
import { request, utf8Bytes, type HostileRequest } from "./hostile-request.js";

// Arbitraries for bodies: JSON (and text) that is deep, huge, poisoned, invalid, mistyped or too
// large, and framings that lie about the length.

const POISON = [
  '"__proto__":{"mvPolluted":true}',
  '"constructor":{"prototype":{"mvPolluted":true}}',
  '"\\u005f_proto__":{"mvPolluted":true}',
  '"__proto__":[]',
  '"a":{"__proto__":{"toString":1}}',
  '"constructor":{"prototype":null}',
];
const NUMBERS = ["1e999999", "-1e999999", "1e-999999", "123456789012345678901234567890", "9007199254740993", "-0", "0.1e-400", "1".repeat(300), `1${"0".repeat(4000)}`, "NaN", "Infinity", "0x10", "01", ".5", "1."];
const BAD_UTF8 = [[0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xfe, 0xff]];

const nest = (depth: number, open: string, close: string, inner: string) => open.repeat(depth) + inner + close.repeat(depth);

const jsonText: fc.Arbitrary<Buffer> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => Buffer.from(JSON.stringify(value) ?? "null")),
  fc.tuple(fc.integer({ min: 1, max: 12_000 }), fc.boolean()).map(([depth, arrays]) =>
    Buffer.from(arrays ? nest(depth, "[", "]", "1") : nest(depth, '{"a":', "}", "1")),
  ),
  fc.tuple(fc.constantFrom(...NUMBERS), fc.boolean()).map(([number, wrap]) => Buffer.from(wrap ? `{"n":${number},"m":[${number}]}` : number)),
  fc.tuple(fc.constantFrom(...POISON), fc.integer({ min: 0, max: 5 })).map(([member, depth]) => Buffer.from(nest(depth, '{"x":[', "]}", `{${member}}`))),
  fc.tuple(fc.constantFrom(...BAD_UTF8), fc.string({ maxLength: 10 })).map(([bytes, text]) => Buffer.concat([Buffer.from(`{"s":"${text.replace(/["\\]/g, "")}`), Buffer.from(bytes), Buffer.from('"}')])),
  fc.tuple(fc.json({ maxDepth: 3 }), fc.nat()).map(([text, cut]) => Buffer.from(text.slice(0, cut % Math.max(1, text.length)))),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.integer({ min: HOSTILE_BODY_LIMIT - 20, max: HOSTILE_BODY_LIMIT * 5 }).map((size) => Buffer.from(`{"pad":"${"x".repeat(Math.max(0, size - 10))}"}`)),
  fc.constantFrom("", "   ", "\ufeff{}", "null", '""', "[]", '{"a":1,"a":2}', '"\\ud800"').map((text) => Buffer.from(text)),
  fc.string({ unit: "grapheme", maxLength: 40 }).map((text) => Buffer.from(JSON.stringify({ text }))),
);

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  { weight: 4, arbitrary: fc.constantFrom("application/json; charset=utf-8", "application/problem+json", "APPLICATION/JSON", "application/json;;;", "application/x+json", " application/json ") },
  { weight: 3, arbitrary: fc.constantFrom(null, "", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "json", "*/*", ";", "text/plain; charset=utf-16") },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

/** Splits `body` into chunked transfer-coding at `cuts`, honestly. */
export function chunked(body: Buffer, cuts: readonly number[]): Buffer {
  const points = [...new Set(cuts.map((cut) => cut % (body.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const to of [...points, body.length]) {
    if (to <= from) continue;
    parts.push(Buffer.from(`${(to - from).toString(16)}\r\n`), body.subarray(from, to), Buffer.from("\r\n"));
    from = to;
  }
  parts.push(Buffer.from("0\r\n\r\n"));
  return Buffer.concat(parts);
}

/** JSON (and text) bodies at the echo routes, with right, wrong or missing content types; some chunked. */
export const jsonRequests: fc.Arbitrary<HostileRequest> = fc
  .record({
    method: fc.constantFrom("POST", "PUT", "PATCH"),
    text: fc.constantFrom(false, false, false, true),
    payload: jsonText,
    type: contentType,
    chunks: fc.option(fc.array(fc.nat(), { maxLength: 6 }), { nil: undefined }),
    expect: fc.constantFrom(false, false, false, true),
    pieces: fc.constantFrom(1, 1, 1, 2, 3),
  })
  .map(({ method, text, payload, type, chunks, expect, pieces }) => {
    const headers: [string, string][] = [];
    if (type !== null) headers.push(["content-type", utf8Bytes(type)]);
    if (expect) headers.push(["expect", "100-continue"]);
    headers.push(chunks === undefined ? ["content-length", String(payload.length)] : ["transfer-encoding", "chunked"]);
    const body = chunks === undefined ? payload : chunked(payload, chunks);
    return request({ method: text ? "POST" : method, target: text ? "/text" : "/echo", headers, body, payload, pieces });
  });

type Framing = { headers: [string, string][]; body: Buffer; lie: boolean; truncated: boolean };

/** Ways to frame `payload`, honest and lying. */
function framings(payload: Buffer): fc.Arbitrary<Framing> {
  const length = payload.length;
  const cl = (value: string, body = payload, lie = true, truncated = false): Framing => ({ headers: [["content-length", value]], body, lie, truncated });
  const te = (value: string, body: Buffer, lie = true, truncated = false): Framing => ({ headers: [["transfer-encoding", value]], body, lie, truncated });
  return fc.oneof(
    fc.constant(cl(String(length), payload, false)),
    fc.integer({ min: 1, max: 5000 }).map((more) => cl(String(length + more), payload, true, true)),
    fc.integer({ min: 1, max: Math.max(1, length) }).map((less) => cl(String(Math.max(0, length - less)))),
    fc.constantFrom("-1", "abc", "1.5", "0x10", "99999999999999999999", `${length}, ${length + 1}`, "+5", "", ` ${length}`).map((value) => cl(value)),
    fc.constant<Framing>({ headers: [["content-length", String(length)], ["content-length", String(length + 1)]], body: payload, lie: true, truncated: false }),
    fc.array(fc.nat(), { maxLength: 8 }).map((cuts) => te("chunked", chunked(payload, cuts), false)),
    fc.integer({ min: 1, max: 4096 }).map((more) => te("chunked", Buffer.concat([Buffer.from(`${(length + more).toString(16)}\r\n`), payload, Buffer.from("\r\n0\r\n\r\n")]), true, true)),
    fc.integer({ min: 1, max: Math.max(1, length) }).map((less) => te("chunked", Buffer.concat([Buffer.from(`${Math.max(0, length - less).toString(16)}\r\n`), payload, Buffer.from("\r\n0\r\n\r\n")]))),
    fc.constantFrom("zz", "-1", "fffffffffffffffff", " 5", "5 5").map((size) => te("chunked", Buffer.concat([Buffer.from(`${size}\r\n`), payload, Buffer.from("\r\n0\r\n\r\n")]))),
    fc.constant(te("chunked", Buffer.concat([Buffer.from(`${length.toString(16)}\r\n`), payload, Buffer.from("\r\n")]), true, true)),
    fc.constant(te("chunked", Buffer.concat([Buffer.from(`${length.toString(16)};ext="x";y\r\n`), payload, Buffer.from("\r\n0\r\nx-trailer: 1\r\n\r\n")]), false)),
    fc.constant<Framing>({ headers: [["content-length", String(length)], ["transfer-encoding", "chunked"]], body: chunked(payload, []), lie: true, truncated: false }),
    fc.constantFrom("gzip", "identity", "chunked, chunked", "chunked;x", "xchunked", "Chunked", "gzip, chunked").map((value) => te(value, chunked(payload, []))),
    fc.constant<Framing>({ headers: [], body: payload, lie: true, truncated: false }),
  );
}

/** Bodies whose framing lies, is cut short, is chunked oddly, or goes past the body limit. */
export const framingRequests: fc.Arbitrary<HostileRequest> = fc
  .tuple(
    fc.constantFrom(["POST", "/echo"], ["POST", "/echo"], ["PUT", "/echo"], ["POST", "/text"], ["GET", "/health"], ["GET", "/stream"], ["DELETE", "/params/abc"]),
    fc.oneof(
      fc.jsonValue({ maxDepth: 2 }).map((value) => Buffer.from(JSON.stringify(value) ?? "null")),
      fc.integer({ min: HOSTILE_BODY_LIMIT - 8, max: HOSTILE_BODY_LIMIT * 3 }).map((size) => Buffer.from(`"${"y".repeat(size)}"`)),
    ),
    fc.constantFrom(1, 1, 2, 4),
  )
  .chain(([[method, target], payload, pieces]) =>
    framings(payload).map(({ headers, body, lie, truncated }) =>
      request({ method: method!, target: target!, headers: [["content-type", target === "/text" ? "text/plain" : "application/json"], ...headers], body, payload: lie ? undefined : payload, lie, truncated, pieces }),
    ),
  );
