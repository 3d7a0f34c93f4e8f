import fc from "fast-check";
import { percentBytes, request, utf8Bytes, type HostileRequest } from "./hostile-request.js";

// Arbitraries for the head of a request: methods, paths, query strings, headers.

const STANDARD = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"];
// Methods node's parser knows and the App does not serve; CONNECT is answered by node itself.
const NODE_ONLY = ["PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "PURGE", "SEARCH", "REPORT", "MERGE", "M-SEARCH", "NOTIFY", "SUBSCRIBE", "LINK", "UNLINK", "SOURCE", "QUERY", "ACL", "CONNECT"];
const TCHAR = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ROUTES = ["/health", "/echo", "/text", "/params/abc", "/files/a/b.txt", "/headers", "/stream", "/nope"];
// Names whose values change the framing or the connection: the framing group sends those on purpose.
const FRAMING = new Set(["content-length", "transfer-encoding", "connection", "host", "expect"]);

const tchar = fc.constantFrom(...TCHAR);
const route = fc.constantFrom(...ROUTES);
const smallJson = fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value));

/** Methods: standard, lower- and mixed-case, known to node only, unknown tokens, absurdly long, invalid bytes. */
export const method: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...STANDARD),
  fc.mixedCase(fc.constantFrom(...STANDARD)),
  fc.constantFrom(...NODE_ONLY),
  fc.string({ unit: tchar, minLength: 1, maxLength: 24 }),
  fc.tuple(fc.constantFrom("A", "GET", "X-"), fc.integer({ min: 100, max: 12_000 })).map(([part, times]) => part.repeat(times)),
  fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 12 }).map((text) => text.replace(/[\r\n]/g, "")).filter((text) => text !== ""),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }).map(utf8Bytes),
);

/** Any method at a route of the App, some with a small JSON body. */
export const methodRequests: fc.Arbitrary<HostileRequest> = fc
  .tuple(method, route, fc.option(smallJson, { nil: undefined }))
  .map(([verb, target, json]) =>
    json === undefined
      ? request({ method: verb, target })
      : request({ method: verb, target, headers: [["content-type", "application/json"], ["content-length", String(Buffer.byteLength(json))]], body: Buffer.from(json) }),
  );

const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("health", "echo", "text", "params", "files", "headers", "abc", "", ".", "..", "...") },
  { weight: 3, arbitrary: fc.constantFrom("%2e%2e", "%2E", "%2F", "%5C", "%00", "%", "%%", "%zz", "%E0%A4%A", "%C3%A9", "%F0%9F%98%80", "%FF", "%C0%AF", "%ED%A0%80", "~", "*", ":id", ";a=b", "@", "!$&'()+,=") },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }).map(utf8Bytes) },
  { weight: 2, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 8 }).map(percentBytes) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 8192 }).map((length) => "a".repeat(length)) },
);

/** Paths: dot segments, double slashes, percent-encoding (malformed too), unicode raw and encoded, up to 8 KiB. */
export const path: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc
    .tuple(fc.constantFrom("", "/params", "/files", "/health", "/echo", "/"), fc.array(segment, { maxLength: 6 }), fc.boolean())
    .map(([start, segments, trailing]) => `${start}/${segments.join("/")}${trailing ? "/" : ""}`) },
  { weight: 1, arbitrary: fc.integer({ min: 8000, max: 8192 }).map((length) => `/files/${"x/".repeat(length / 2)}`.slice(0, length)) },
  { weight: 1, arbitrary: fc.constantFrom("*", "health", "", "http://127.0.0.1/health", "//health", "/\\health", "/health#frag", "/health?", "/health??x") },
);

/** Any path, with the methods that reach the routes. */
export const pathRequests: fc.Arbitrary<HostileRequest> = fc
  .tuple(fc.constantFrom("GET", "GET", "GET", "HEAD", "DELETE", "OPTIONS", "POST"), path)
  .map(([verb, target]) => request({ method: verb, target }));

const queryPart = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("__proto__=1", "__proto__[mvPolluted]=1", "constructor[prototype][mvPolluted]=1", "constructor.prototype.mvPolluted=1", "toString=1", "hasOwnProperty=x") },
  { weight: 3, arbitrary: fc.constantFrom("a[b][c]=d", "a[]=1", "=", "&", "==", "a=%", "a=%zz", "a=%E0%A4%A", "%=%", "a=%00", "a=+", "a=b=c", "a", "q=x", "q=%FF%FE") },
  { weight: 3, arbitrary: fc.tuple(fc.string({ unit: tchar, maxLength: 12 }), fc.string({ unit: tchar, maxLength: 24 })).map(([key, value]) => `${key}=${value}`) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 24 })).map(([key, value]) => `${key}=${value}`) },
  { weight: 3, arbitrary: fc.tuple(fc.string({ unit: "grapheme", maxLength: 8 }), fc.string({ unit: "grapheme", maxLength: 8 })).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`) },
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 10 }).map((bytes) => `q=${percentBytes(bytes)}`) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }).map((text) => `q=${utf8Bytes(text)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 8000 }).map((length) => `long=${"x".repeat(length)}`) },
);

/** Query strings, hostile keys and values, at the routes that read them. */
export const queryRequests: fc.Arbitrary<HostileRequest> = fc
  .tuple(fc.constantFrom("/params/abc", "/params/abc", "/health", "/files/x", "/headers"), fc.array(queryPart, { maxLength: 12 }), fc.constantFrom("?", "?", "??", "?&"), fc.constantFrom("", "", "#frag"))
  .map(([target, parts, mark, fragment]) => request({ method: "GET", target: `${target}${mark}${parts.join("&")}${fragment}` }));

// Weighted so that most requests get past node's parser and reach the App; the rest probe the parser.
const headerName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("accept", "authorization", "cookie", "x-probe", "X-Probe", "x-forwarded-for", "x-forwarded-host", "forwarded", "content-type", "range", "origin", "te", "trailer", "upgrade", "x-http-method-override", "__proto__", "constructor", "hasOwnProperty") },
  { weight: 4, arbitrary: fc.string({ unit: tchar, minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 4 }).map(utf8Bytes) },
).filter((name) => !FRAMING.has(name.toLowerCase().trim()));

const headerValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }).map(utf8Bytes) },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom("", ",,,", " leading", "trailing ", "\t", "a\u0000b", '()<>@,;:\\"/[]?={} \t', "__proto__", "bytes=0-1,1-0,-5") },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((length) => "v".repeat(length)) },
);

const host = fc.oneof(
  { weight: 6, arbitrary: fc.constant("127.0.0.1") },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom("", "localhost:99999", "[::1]", "a b", utf8Bytes("é.example"), "x".repeat(300), "evil.example@127.0.0.1", "127.0.0.1, other", "127.0.0.1:80:80", "%31%32%37") },
);

/** Headers: hostile names and values, invalid bytes, thousands of them, none or odd Host headers, Expect. */
export const headerRequests: fc.Arbitrary<HostileRequest> = fc
  .record({
    target: fc.constantFrom("/headers", "/headers", "/health", "/params/abc"),
    host,
    headers: fc.oneof(
      { weight: 5, arbitrary: fc.array(fc.tuple(headerName, headerValue), { maxLength: 30 }) },
      { weight: 1, arbitrary: fc.integer({ min: 100, max: 2500 }).map((count) => Array.from({ length: count }, (_, i) => [`x-h${i}`, "v"] as [string, string])) },
    ),
    extra: fc.constantFrom<[string, string][]>([], [], [], [["host", "second.example"]], [["expect", "100-continue"]], [["expect", "teapot"]]),
  })
  .map(({ target, host: hostValue, headers, extra }) => request({ method: "GET", target, host: hostValue, headers: [...headers, ...extra] }));
