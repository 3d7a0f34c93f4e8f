import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { App } from "../../src/index.js";
import type { Served } from "../adapters/conformance.js";
import { eventually } from "../adapters/http-client.js";
import { targets } from "../adapters/targets.js";
import { Fault, faultsApp, HandledFault, ToErrorHandler, type FaultRecords, type Kind, type Phase } from "./faults-app.js";
import { exchange, wireHeader, type Exchange } from "./hostile-raw-http.js";
import { request, wireBytes } from "./hostile-request.js";

// Faults in every phase of a request, sync and async, on every target: the client gets the
// right answer, the failure is logged (or reaches onBackgroundError), teardown still runs, the
// next request is served, and nothing is an unhandled rejection (test/setup fails a test that
// leaves one).

/** What the client must see. */
type Expected = "500" | "handled" | "unchanged" | "background" | "cut";

interface FaultCase {
  readonly phase: Phase;
  readonly kind: Kind;
  /** The fault is a HandledFault, which an error handler answers with 422. */
  readonly handled?: boolean;
  readonly expected: Expected;
  /** What the logger must have received for this request; undefined: nothing. */
  readonly logged?: RegExp;
  /** The error the teardown sees (`null`: none). */
  readonly teardownSees: (typeof Fault | typeof HandledFault | typeof ToErrorHandler) | null;
}

const KINDS: readonly Kind[] = ["sync", "async"];
const CASES: readonly FaultCase[] = [
  ...(["decorator", "before", "handler", "after"] as const).flatMap((phase) =>
    KINDS.flatMap((kind): FaultCase[] => [
      { phase, kind, expected: "500", logged: /^unhandled Fault: secret/, teardownSees: Fault },
      // As in Flask, teardown hears only of an error no handler answered (ctx.error keeps it).
      { phase, kind, handled: true, expected: "handled", teardownSees: null },
    ]),
  ),
  ...KINDS.map((kind): FaultCase => ({ phase: "teardown", kind, expected: "unchanged", logged: /^a teardownRequest hook (threw|rejected)$/, teardownSees: null })),
  ...KINDS.map((kind): FaultCase => ({ phase: "errorHandler", kind, expected: "500", logged: /^an error handler threw while handling ToErrorHandler/, teardownSees: Fault })),
  ...KINDS.map((kind): FaultCase => ({ phase: "background", kind, expected: "background", teardownSees: null })),
  ...(["sync", "async", "readable-stream"] as const).map((kind): FaultCase => ({ phase: "stream", kind, expected: "cut", logged: /^a response body stream failed; the response was cut$/, teardownSees: null })),
];

/**
 * A failing `ReadableStream` body is passed to the Fetch runtime as it is under `app.fetch`,
 * and the runtime reports it (docs/app.md): the App's logger does not hear of it there.
 */
function expectedLog(target: string, fault: FaultCase): RegExp | undefined {
  return target === "app.fetch" && fault.kind === "readable-stream" ? undefined : fault.logged;
}

function describeCase({ phase, kind, handled }: FaultCase): string {
  return `${kind === "sync" ? "a throw" : kind === "async" ? "a rejection" : "an erroring ReadableStream"} in ${phase}${handled ? " (handled by an error handler)" : ""}`;
}

/** The logger calls of one request: its id is in the message of every error the App made. */
function loggedFor(records: FaultRecords, id: string) {
  return records.logged.filter(({ error }) => error instanceof Error && error.message.endsWith(` of ${id}`));
}

function final(answer: Exchange) {
  return answer.responses.find((response) => response.status >= 200);
}

function expectAnswer(answer: Exchange, expected: Expected, id: string): void {
  const response = final(answer);
  const text = answer.bytes.toString("latin1");
  expect(answer.end, "the server answered and closed (connection: close)").not.toBe("timeout");
  expect(text, "no internals reach the client").not.toMatch(/secret|Fault|\bat \S+ \(/);
  if (expected === "cut") {
    // A cleanly cut stream: nothing, or the head and the first chunk of a body that never ends.
    const complete = response !== undefined && response.complete && answer.rest === "none";
    expect(complete, `a cut stream, not a complete answer: ${JSON.stringify(text)}`).toBe(false);
    if (response !== undefined) {
      expect(response.status).toBe(200);
      expect("first chunk;".startsWith(response.body.toString()), "at most the first chunk").toBe(true);
    }
    return;
  }
  expect(response?.complete).toBe(true);
  if (expected === "500") {
    expect(response!.status).toBe(500);
    expect(wireHeader(response!, "content-type")).toBe("application/problem+json");
    expect(JSON.parse(response!.body.toString())).toEqual({ type: "about:blank", title: "Internal Server Error", status: 500, code: "MV_INTERNAL_SERVER_ERROR" });
  } else if (expected === "handled") {
    expect(response!.status).toBe(422);
    expect(JSON.parse(response!.body.toString())).toEqual({ handled: id });
  } else {
    expect(response!.status).toBe(200);
    expect(wireHeader(response!, "x-original")).toBe("1");
    expect(JSON.parse(response!.body.toString())).toEqual({ ok: id });
  }
}

let sequence = 0;

for (const target of targets) {
  describe(`faults in every phase: ${target.name}`, () => {
    let app: App;
    let records: FaultRecords;
    let served: Served;
    let port: number;
    let prefix: string;
    const get = (query: string) => exchange(port, wireBytes(request({ method: "GET", target: `/fault?${query}` }), prefix));

    beforeAll(async () => {
      ({ app, records } = faultsApp());
      served = await target.serve(app);
      const url = new URL(served.url);
      port = Number(url.port);
      prefix = url.pathname === "/" ? "" : url.pathname;
    });

    afterAll(async () => {
      await served?.close();
      await app?.close();
    });

    for (const fault of CASES) {
      it(`${describeCase(fault)}: ${fault.expected}, teardown runs, the next request is served`, async () => {
        const id = `f${++sequence}`;
        // @hono/node-server prints the error of a failed stream body itself: keep the run quiet.
        const quiet = fault.phase === "stream" ? vi.spyOn(console, "error").mockImplementation(() => undefined) : undefined;
        try {
          const answer = await get(`phase=${fault.phase}&kind=${fault.kind}&handled=${fault.handled ? 1 : 0}&id=${id}`);
          expectAnswer(answer, fault.expected, id);

          expect(await eventually(async () => records.teardowns.has(id)), "teardown ran").toBe(true);
          const seen = records.teardowns.get(id);
          if (fault.teardownSees === null) expect(seen).toBeNull();
          else expect(seen).toBeInstanceOf(fault.teardownSees);

          if (fault.expected === "background") {
            expect(await eventually(async () => records.background.some((entry) => entry.id === id))).toBe(true);
            const { error } = records.background.find((entry) => entry.id === id)!;
            expect(error).toBeInstanceOf(Fault);
            expect((error as Error).message).toBe(`secret background failure of ${id}`);
          }

          const log = expectedLog(target.name, fault);
          if (log !== undefined) expect(await eventually(async () => loggedFor(records, id).length > 0), "logged").toBe(true);
          const calls = loggedFor(records, id);
          expect(calls.map(({ message }) => message)).toEqual(log === undefined ? [] : [expect.stringMatching(log)]);
          if (log !== undefined) expect(calls[0]!.level).toBe("error");

          const next = await get(`id=${id}-next`);
          expect(final(next)?.status).toBe(200);
          expect(JSON.parse(final(next)!.body.toString())).toEqual({ ok: `${id}-next` });
        } finally {
          quiet?.mockRestore();
        }
      });
    }
  });
}
