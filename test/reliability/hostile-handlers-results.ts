import fc from "fast-check";
import { HttpError, ViewResponse, json, redirect, text } from "../../src/index.js";
import { INTERNAL } from "./response-boundary-app.js";

// What a careless handler returns or throws, generated, with the answer the App owes for it:
// the status it asked for when the result is a valid response, else a 500 that hides why.

/** What the client must get: a status, or the App's hidden 500 (`"bug"`), logged. */
export type Expected = { status: number } | "bug";

/** One generated handler result, how to produce it, and the answer it must get. */
export interface HandlerCase {
  label: string;
  /** Returns the result, or throws; called once per request. */
  run: () => unknown;
  expected: Expected;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

const statuses = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 200, max: 599 }) },
  { weight: 3, arbitrary: fc.constantFrom(200, 201, 204, 205, 302, 304, 400, 404, 418, 500, 503) },
  { weight: 2, arbitrary: fc.constantFrom(100, 101, 102, 103, 199) },
  { weight: 2, arbitrary: fc.constantFrom(99, 600, 1000, -1, 0, 200.5, Number.NaN, Number.POSITIVE_INFINITY) },
);

const safeValue = fc.stringMatching(/^[ -~]{0,20}$/).map((value) => value.replaceAll(INTERNAL, ""));
// Invalid values carry the internal marker: a response that leaks one shows it.
const hostileValue = fc
  .tuple(safeValue, fc.constantFrom("\r", "\n", "\r\n", "\0", "\x01", "\x7f", "€", "😀", "\r\nSet-Cookie: x=1"), safeValue)
  .map(([a, bad, b]) => `${a}${bad}${INTERNAL}${b}`);
const oddValue = fc.tuple(safeValue, fc.constantFrom("é", "\t", "ÿ", " "), safeValue).map(([a, odd, b]) => `${a}${odd}${b}`);
const headerValue = fc.oneof({ weight: 3, arbitrary: safeValue }, { weight: 1, arbitrary: oddValue }, { weight: 2, arbitrary: hostileValue });
const headerName = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^x-[a-z0-9-]{1,10}$/) },
  { weight: 2, arbitrary: fc.constantFrom("content-length", "Content-Length", "transfer-encoding", "trailer", "content-type", "set-cookie", "cache-control", "X-Upper") },
  { weight: 1, arbitrary: fc.constantFrom("bad name", "x\r\ny", "é", "", "x:y", "x\0", "(x)") },
);
const headers = fc.array(fc.tuple(headerName, fc.oneof({ weight: 4, arbitrary: headerValue }, { weight: 1, arbitrary: fc.array(headerValue, { maxLength: 3 }) })), {
  maxLength: 4,
});

type Entries = readonly [string, string | string[]][];

/**
 * Whether the headers that reach the response are valid. `merged`: as `mergeHeaders` reads
 * them (names lower-cased, the last value of a name wins, `set-cookie` from a list of pairs
 * adds up); otherwise the record as it is.
 */
function headersValid(entries: Entries, merged: "record" | "pairs" | "as-is"): boolean {
  const seen = new Map<string, (string | string[])[]>();
  for (const [name, value] of merged === "as-is" ? Object.entries(record(entries)) : merged === "record" ? Object.entries(record(entries)) : entries) {
    const key = merged === "as-is" ? name : name.toLowerCase();
    const previous = seen.get(key) ?? [];
    seen.set(key, merged === "pairs" && key === "set-cookie" ? [...previous, value] : [value]);
    if (merged !== "as-is" && !TOKEN.test(key)) return false;
    if (merged === "as-is" && !TOKEN.test(name)) return false;
  }
  return [...seen.values()].every((values) => values.flat().every((item) => !INVALID_VALUE.test(item)));
}

function record(entries: readonly [string, string | string[]][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of entries) out[name] = value;
  return out;
}

const finalStatus = (status: number) => Number.isInteger(status) && status >= 200 && status <= 599;
const bodyText = fc.string({ unit: "grapheme", maxLength: 40 }).map((value) => value.replaceAll(INTERNAL, ""));

/** Bodies of every accepted type, each a fresh value per call (a stream is read once). */
const bodies = fc.oneof(
  fc.constant({ label: "null", make: (): unknown => null }),
  bodyText.map((value) => ({ label: `string ${JSON.stringify(value)}`, make: (): unknown => value })),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ label: `${bytes.length} bytes`, make: (): unknown => bytes })),
  fc.array(bodyText, { maxLength: 4 }).map((chunks) => ({
    label: `ReadableStream of ${chunks.length}`,
    make: (): unknown =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
          controller.close();
        },
      }),
  })),
  fc.array(fc.oneof(bodyText, fc.uint8Array({ maxLength: 16 })), { maxLength: 4 }).map((chunks) => ({
    label: `async iterable of ${chunks.length}`,
    make: (): unknown =>
      (async function* () {
        for (const chunk of chunks) yield chunk;
      })(),
  })),
);

/** The status of a Flask tuple, as `toViewResponse` reads one: an integer from 100 to 599. */
const tupleStatus = (status: number) => Number.isInteger(status) && status >= 100 && status <= 599;

const returned = fc.oneof(
  fc.tuple(bodies, statuses, headers).map(([body, status, entries]): HandlerCase => ({
    label: `tuple [${body.label}, ${status}, ${JSON.stringify(entries)}]`,
    run: () => [body.make() ?? "", status, record(entries)],
    expected: !tupleStatus(status) ? { status: 200 } : finalStatus(status) && headersValid(entries, "record") ? { status } : "bug",
  })),
  fc.tuple(fc.jsonValue({ maxDepth: 2 }), statuses, headers).map(([data, status, entries]): HandlerCase => ({
    label: `json(${JSON.stringify(data)}, { status: ${status}, headers: ${JSON.stringify(entries)} })`,
    run: () => json(data, { status, headers: entries as [string, string][] }),
    expected: finalStatus(status) && headersValid(entries, "pairs") ? { status } : "bug",
  })),
  fc.tuple(bodyText, statuses).map(([body, status]): HandlerCase => ({
    label: `text(${JSON.stringify(body)}, { status: ${status} })`,
    run: () => text(body, { status }),
    expected: finalStatus(status) ? { status } : "bug",
  })),
  fc.tuple(fc.oneof(fc.webPath(), fc.string({ unit: "grapheme", maxLength: 20 }), hostileValue), fc.constantFrom(301, 302, 303, 307, 308)).map(([url, status]): HandlerCase => ({
    label: `redirect(${JSON.stringify(url)}, ${status})`,
    run: () => redirect(url, status),
    expected: /[\r\n]/.test(url) ? "bug" : { status },
  })),
  fc.tuple(fc.oneof(statuses, fc.constantFrom<unknown>("abc", "200", null, undefined)), headers, fc.oneof(bodies, fc.constant({ label: "the number 5", make: (): unknown => 5 }))).map(
    ([status, entries, body]): HandlerCase => ({
      label: `new ViewResponse(${String(status)}, ${JSON.stringify(entries)}, ${body.label})`,
      run: () => new ViewResponse(status as number, record(entries), body.make() as null),
      expected: typeof status === "number" && finalStatus(status) && headersValid(entries, "as-is") && body.label !== "the number 5" ? { status } : "bug",
    }),
  ),
);

/** Results whose inspection or serialisation throws: each must be a logged 500, never an escape. */
const uninspectable = fc
  .constantFrom<[string, () => unknown]>(
    [
      "an object whose then getter throws",
      () => ({
        get then(): unknown {
          throw new Error(INTERNAL);
        },
      }),
    ],
    [
      "a revoked Proxy",
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      },
    ],
    [
      "a Proxy whose getPrototypeOf trap throws",
      () =>
        new Proxy(
          {},
          {
            getPrototypeOf() {
              throw new Error(INTERNAL);
            },
          },
        ),
    ],
    [
      "a Proxy whose get trap throws",
      () =>
        new Proxy(
          {},
          {
            get() {
              throw new Error(INTERNAL);
            },
          },
        ),
    ],
    [
      "an object whose getter throws",
      () => ({
        get value(): unknown {
          throw new Error(INTERNAL);
        },
      }),
    ],
    ["an object whose toJSON throws", () => ({ toJSON: () => { throw new Error(INTERNAL); } })],
    ["an object holding a bigint", () => ({ n: 1n })],
  )
  .map(([label, make]): HandlerCase => ({ label: `return ${label}`, run: make, expected: "bug" }));

function overwritten(status: unknown): HttpError {
  const error = new HttpError(400, "a detail meant for the client");
  Object.defineProperty(error, "status", { value: status });
  return error;
}

const thrown = fc.oneof(
  fc.constantFrom<[string, () => unknown]>(
    ["Error", () => new Error(INTERNAL)],
    ["TypeError", () => new TypeError(INTERNAL)],
    ["string", () => INTERNAL],
    ["number", () => 42],
    ["null", () => null],
    ["undefined", () => undefined],
    ["plain object", () => ({ message: INTERNAL, status: 400 })],
    ["symbol", () => Symbol(INTERNAL)],
    ["bigint", () => 10n],
    [
      "Error with a throwing message getter",
      () => {
        const error = new Error(INTERNAL);
        Object.defineProperty(error, "message", {
          get() {
            throw new Error(INTERNAL);
          },
        });
        return error;
      },
    ],
    [
      "revoked Proxy",
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      },
    ],
  ).map(([label, make]): HandlerCase => ({ label: `throw ${label}`, run: () => { throw make(); }, expected: "bug" })),
  fc.tuple(fc.integer({ min: 400, max: 599 }), headers).map(([status, entries]): HandlerCase => ({
    label: `throw new HttpError(${status}, { headers: ${JSON.stringify(entries)} })`,
    run: () => {
      throw new HttpError(status, undefined, { headers: record(entries) as Record<string, string> });
    },
    // The problem+json content type replaces any the error carried.
    expected: headersValid(entries.filter(([name]) => name.toLowerCase() !== "content-type"), "record") ? { status } : "bug",
  })),
  fc.constantFrom(99, 200, 302, 1000, Number.NaN, "abc").map((status): HandlerCase => ({
    label: `throw an HttpError whose status was overwritten to ${String(status)}`,
    run: () => {
      throw overwritten(status);
    },
    expected: "bug",
  })),
);

/** A generated handler case, returned or thrown, sync or async. */
export const handlerCases: fc.Arbitrary<HandlerCase> = fc.tuple(fc.oneof({ weight: 3, arbitrary: returned }, { weight: 2, arbitrary: thrown }, { weight: 1, arbitrary: uninspectable }), fc.boolean()).map(([one, async]) =>
  async
    ? { ...one, label: `async ${one.label}`, run: () => Promise.resolve().then(one.run) }
    : one,
);
