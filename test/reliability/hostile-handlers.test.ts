import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App } from "../../src/index.js";
import type { Served } from "../adapters/conformance.js";
import { targets } from "../adapters/targets.js";
import { handlerCases, type HandlerCase } from "./hostile-handlers-results.js";
import { INTERNAL } from "./response-boundary-app.js";
import { finalResponse, rawExchange, wireFaults } from "./response-wire.js";

// Hostile handlers, property-based: handlers return or throw generated results (any status,
// header names and values with CR/LF, NUL or characters above U+00FF, bodies of every accepted
// type, non-Error throws, HttpErrors with an odd status) on every target. Each answer must be
// one valid HTTP/1.1 response on the wire, with the status the handler asked for when its
// result is valid and else a logged 500 problem+json; never a crash, a hang, or a 5xx that
// names an internal. RELIABILITY_RUNS sets the cases per target (default 100),
// RELIABILITY_SEED replays a run.

function fromEnv(name: string, fallback: number, min: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < min) throw new TypeError(`${name} must be a whole number from ${min}, got ${JSON.stringify(process.env[name])}`);
  return value;
}

const RUNS = fromEnv("RELIABILITY_RUNS", 100, 1);
const SEED = fromEnv("RELIABILITY_SEED", Date.now() % 2 ** 31, 0);
const totals = { targets: 0, cases: 0, failures: 0 };

afterAll(() => {
  console.log(`hostile-handlers total: ${totals.targets} targets, ${totals.cases} cases, ${totals.failures} failures (RELIABILITY_SEED=${SEED}, ${RUNS} per target)`);
});

/** What is wrong with the answer to one case, or `[]`. */
function judge(item: HandlerCase, method: string, answer: Awaited<ReturnType<typeof rawExchange>>, logged: number): string[] {
  const problems = wireFaults(answer, method === "HEAD");
  const response = finalResponse(answer);
  if (response === undefined) return problems;
  if (response.status >= 500 && answer.bytes.toString("latin1").includes(INTERNAL)) problems.push(`a ${response.status} that names an internal`);
  if (item.expected === "bug") {
    if (response.status !== 500) problems.push(`status ${response.status} for a handler bug, not 500`);
    if (response.headers["content-type"]?.[0] !== "application/problem+json") problems.push(`content type ${String(response.headers["content-type"])} for a handler bug`);
    if (method !== "HEAD" && !response.body.toString().includes('"code":"MV_INTERNAL_SERVER_ERROR"')) problems.push("a 500 that is not the App's problem+json");
    if (logged === 0) problems.push("a handler bug the logger did not hear of");
  } else if (response.status !== item.expected.status) {
    problems.push(`status ${response.status}, not the ${item.expected.status} the handler asked for`);
  }
  return problems;
}

targets.forEach((target, index) => {
  describe(`hostile handlers: ${target.name}`, () => {
    const logged: unknown[] = [];
    const cases = new Map<string, HandlerCase>();
    let app: App;
    let served: Served;
    let port: number;
    let prefix: string;

    beforeAll(async () => {
      app = new App({ logger: { error: (_message, error) => void logged.push(error), warn: () => undefined } });
      app.route("/health", () => "ok");
      app.route("/case/:id", (ctx) => cases.get(ctx.params.id!)!.run());
      served = await target.serve(app);
      const url = new URL(served.url);
      port = Number(url.port);
      prefix = url.pathname === "/" ? "" : url.pathname;
      totals.targets++;
    });
    afterAll(async () => {
      await served?.close();
      await app?.close();
    });

    it(`${RUNS} generated results and throws: one valid HTTP/1.1 response each, a logged 500 for every bug`, async () => {
      const failures: string[] = [];
      let next = 0;
      const property = fc.asyncProperty(handlerCases, fc.constantFrom("GET", "GET", "HEAD"), async (item, method) => {
        const id = String(next++);
        cases.set(id, item);
        logged.length = 0;
        const answer = await rawExchange(port, method, `${prefix}/case/${id}`);
        cases.delete(id);
        const problems = judge(item, method, answer, logged.length);
        totals.cases++;
        if (problems.length > 0) {
          totals.failures++;
          failures.push(`${problems.join("; ")}\n    for ${method} ${item.label}\n    got ${JSON.stringify(answer.bytes.toString("latin1").slice(0, 300))}`);
        }
      });
      const details = await fc.check(property, { numRuns: RUNS, seed: SEED + index });
      expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
      expect(failures.slice(0, 5), `${failures.length} of ${details.numRuns} cases failed (RELIABILITY_SEED=${SEED})`).toEqual([]);
      // The process lives and serves.
      const health = await rawExchange(port, "GET", `${prefix}/health`);
      expect(finalResponse(health)?.body.toString()).toBe("ok");
    }, 30_000 + RUNS * 200);
  });
});
