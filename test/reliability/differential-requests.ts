import fc from "fast-check";
import { chunked } from "./hostile-bodies.js";
import { request, utf8Bytes, type HostileRequest } from "./hostile-request.js";

// Arbitraries of the differential suite: requests whose target is relative to a target's mount
// (`/x/teapot`, or absolute-form `http://127.0.0.1/x/teapot`); `mounted()` puts them under it.

const STANDARD = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
const UNKNOWN = ["FOO", "PROPFIND", "QUERY", "PURGE", "M-SEARCH", "TRACE", "X-GET", "GETT"];
const TCHAR = "!#$&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Methods: standard, lower- and mixed-case, unknown tokens. */
export const method: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...STANDARD) },
  { weight: 2, arbitrary: fc.mixedCase(fc.constantFrom(...STANDARD)) },
  { weight: 2, arbitrary: fc.constantFrom(...UNKNOWN) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...TCHAR), minLength: 1, maxLength: 10 }) },
);

const DOTS = new Set([".", "%2e", "%2E"]);
const DOUBLE_DOTS = new Set(["..", "%2e%2e", "%2E%2E", ".%2e", "%2e."]);

/** Segments: the App's own, their encodings (`%74eapot` is `teapot`), dot segments, slashes and malformed escapes. */
const segment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("teapot", "abc", "health", "admin", "x", "files", "p", "echo", "a.b", "") },
  { weight: 3, arbitrary: fc.constantFrom(...DOTS, ...DOUBLE_DOTS) },
  { weight: 3, arbitrary: fc.constantFrom("%74eapot", "%74%65%61%70%6F%74", "%61dmin", "%41", "%7E", "%7e", "~", "%2D", "%5F", "%30") },
  { weight: 2, arbitrary: fc.constantFrom("%2F", "%2f", "a%2Fb", "%5C", "%zz", "%", "%2", "%%", "%C3%A9", "%FF", "%00", "%20", "+", ";a=b", ":id", "*", "@") },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(..."abcXYZ019-._~!$&'()*+,;=:@"), maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 3 }).map(encodeURIComponent) },
);

/**
 * Drops the `..` segments that would climb above the mount: on a host mounted under `/api`,
 * `/api/../health` leaves the App, so no two mounts could agree on it.
 */
function insideMount(start: readonly string[], rest: readonly string[]): string[] {
  const kept = [...start];
  let depth = start.length;
  for (const part of rest) {
    if (DOUBLE_DOTS.has(part)) {
      if (depth === 0) continue;
      depth--;
    } else if (!DOTS.has(part)) depth++;
    kept.push(part);
  }
  return kept;
}

/** A path relative to the mount: a start the App routes, segments, a trailing slash, a query. */
export const path: fc.Arbitrary<string> = fc
  .record({
    start: fc.constantFrom([], ["x"], ["x"], ["files"], ["p"], ["admin"], ["echo"], ["health"]),
    rest: fc.array(segment, { maxLength: 4 }),
    slash: fc.constantFrom("", "", "", "/"),
    double: fc.nat({ max: 9 }),
    query: fc.constantFrom("", "", "", "?q=1", "?a=%zz&b=%2F", "?"),
  })
  .map(({ start, rest, slash, double, query }) => {
    const parts = insideMount(start, rest);
    // Now and then a double slash, at the start or between two segments.
    if (double < parts.length && double < 3) parts.splice(double, 0, "");
    return `/${parts.join("/")}${slash}${query}`;
  });

/** Absolute-form (`http://host/path`), with the request's own Host or another one. */
const form = fc.constantFrom("origin", "origin", "origin", "absolute", "absolute-other");

/** Paths: encodings, dot segments, double slashes, absolute-form, under the methods that reach routes. */
export const pathRequests: fc.Arbitrary<HostileRequest> = fc
  .tuple(fc.constantFrom("GET", "GET", "GET", "HEAD", "DELETE", "POST", "OPTIONS"), path, form)
  .map(([verb, target, how]) => request({ method: verb, target: how === "origin" ? target : `http://${how === "absolute" ? "127.0.0.1" : "other.example"}${target}` }));

/** Any method at a route of the App; some carry a small JSON body. */
export const methodRequests: fc.Arbitrary<HostileRequest> = fc
  .tuple(method, fc.constantFrom("/health", "/x/teapot", "/x/abc", "/echo/json", "/echo/text", "/empty", "/redirect", "/nope"), fc.boolean())
  .map(([verb, target, withBody]) => {
    if (!withBody) return request({ method: verb, target });
    const body = Buffer.from('{"a":1}');
    return request({ method: verb, target, headers: [["content-type", "application/json"], ["content-length", String(body.length)]], body, payload: body });
  });

const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=latin1",
  "application/json;charset=UTF-8",
  "APPLICATION/JSON",
  "text/plain",
  "text/plain; charset=utf-16le",
  "text/plain; charset=iso-8859-1",
  "application/x-www-form-urlencoded",
  "application/problem+json",
  "",
);

const oddValue = fc.constantFrom("", " padded ", "a\tb", utf8Bytes("é"), "\u00ff", "x".repeat(2000), "__proto__", "a, b", "1, 1");

/**
 * Duplicate and hostile headers: two content types, content lengths that disagree with each
 * other or with the body, both framings, odd values, a second Host.
 */
export const headerRequests: fc.Arbitrary<HostileRequest> = fc
  .record({
    target: fc.constantFrom("/echo/json", "/echo/json", "/echo/text", "/health"),
    payload: fc.constantFrom('{"a":1}', "[]", '"x"', "hello", utf8Bytes('{"s":"é"}')),
    types: fc.array(contentType, { minLength: 0, maxLength: 3 }),
    length: fc.constantFrom("honest", "honest", "honest", "twice-same", "twice-different", "list", "plus-chunked", "chunked"),
    odd: fc.array(fc.tuple(fc.constantFrom("x-probe", "accept", "content-encoding", "content-language", "expect", "host", "content-type"), oddValue), { maxLength: 2 }),
  })
  .map(({ target, payload, types, length, odd }) => {
    const body = Buffer.from(payload, "latin1");
    const size = String(body.length);
    const headers: [string, string][] = types.map((type) => ["content-type", type]);
    const framing: Record<typeof length, [string, string][]> = {
      honest: [["content-length", size]],
      "twice-same": [["content-length", size], ["content-length", size]],
      "twice-different": [["content-length", size], ["content-length", String(body.length + 1)]],
      list: [["content-length", `${size}, ${size}`]],
      "plus-chunked": [["content-length", size], ["transfer-encoding", "chunked"]],
      chunked: [["transfer-encoding", "chunked"]],
    };
    const sent = length === "chunked" || length === "plus-chunked" ? chunked(body, [2]) : body;
    const lie = length === "twice-different" || length === "plus-chunked";
    return request({ method: "POST", target, headers: [...headers, ...framing[length], ...odd], body: sent, payload: lie ? undefined : body, lie });
  });

/**
 * Bodies that arrive in pieces, or stop short of the length they announce (the client
 * half-closes). A body longer than announced is left out: its rest is a second request that
 * races the first answer on the connection, so no two runs need agree.
 */
export const bodyRequests: fc.Arbitrary<HostileRequest> = fc
  .record({
    target: fc.constantFrom("/echo/json", "/echo/text", "/health", "/x/teapot", "/nope"),
    size: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 2000, max: 2100 })),
    shape: fc.constantFrom("honest", "trickled", "cut", "cut", "chunked-trickled", "chunked-cut"),
    pieces: fc.integer({ min: 2, max: 4 }),
  })
  .map(({ target, size, shape, pieces }) => {
    const payload = Buffer.from(target === "/echo/text" ? "t".repeat(size) : JSON.stringify("j".repeat(Math.max(0, size - 2))));
    const type: [string, string] = ["content-type", target === "/echo/text" ? "text/plain" : "application/json"];
    const length = String(payload.length);
    const method = target === "/health" || target === "/x/teapot" ? "GET" : "POST";
    switch (shape) {
      case "honest":
        return request({ method, target, headers: [type, ["content-length", length]], body: payload, payload });
      case "trickled":
        return request({ method, target, headers: [type, ["content-length", length]], body: payload, payload, pieces });
      case "cut":
        // Announces more than it sends, then half-closes: the body will never be complete.
        return request({ method, target, headers: [type, ["content-length", String(payload.length * 3 + 5)]], body: payload, lie: true, truncated: true, pieces });
      case "chunked-trickled":
        return request({ method, target, headers: [type, ["transfer-encoding", "chunked"]], body: chunked(payload, [1, 5, 9]), payload, pieces });
      case "chunked-cut":
        return request({ method, target, headers: [type, ["transfer-encoding", "chunked"]], body: chunked(payload, [3]).subarray(0, -5), lie: true, truncated: true, pieces });
    }
  });

/** `req` under `prefix`: an origin-form target after the prefix, an absolute-form one after its authority. */
export function mounted(req: HostileRequest, prefix: string): HostileRequest {
  const absolute = /^(https?:\/\/[^/?#]*)(.*)$/i.exec(req.target);
  if (absolute !== null) return { ...req, target: `${absolute[1]}${prefix}${absolute[2]}` };
  return req.target.startsWith("/") ? { ...req, target: prefix + req.target } : req;
}
