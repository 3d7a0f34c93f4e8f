import fc from "fast-check";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/index.js";
import type { Served } from "../adapters/conformance.js";
import { targets } from "../adapters/targets.js";
import { ALLOWANCES } from "./hostile-allowances.js";
import { hostileApp } from "./hostile-app.js";
import { framingRequests, jsonRequests } from "./hostile-bodies.js";
import { EXAMPLES } from "./hostile-examples.js";
import { headerRequests, methodRequests, pathRequests, queryRequests } from "./hostile-heads.js";
import { judge, type Problem } from "./hostile-judge.js";
import { startOracles, type Oracles } from "./hostile-oracles.js";
import { exchange } from "./hostile-raw-http.js";
import { fromEnv } from "./reliability-env.js";
import { describeRequest, request, wireBytes, type HostileRequest } from "./hostile-request.js";
import { count, summaryLine, tallyFor, writeFigures, type TargetTally } from "./hostile-tally.js";

// Hostile input, property-based: random requests over raw TCP against every target. Each answer
// must be a well-formed 2xx or 4xx (problem+json for errors), never a 5xx, a hang or a crash;
// the exceptions are the named allowances of hostile-allowances.ts, each shown by a reference
// server to come from below methodview. RELIABILITY_RUNS sets the cases per group (default
// 150), RELIABILITY_SEED replays a run.

const RUNS = fromEnv("RELIABILITY_RUNS", 150, 1);
const SEED = fromEnv("RELIABILITY_SEED", Date.now() % 2 ** 31, 0);
const FIGURES = fileURLToPath(new URL("./.last-run/hostile-input.json", import.meta.url));

const GROUPS: readonly { key: keyof typeof EXAMPLES; name: string; requests: fc.Arbitrary<HostileRequest> }[] = [
  { key: "methods", name: "methods: lower-case, unknown, absurdly long, invalid bytes", requests: methodRequests },
  { key: "paths", name: "paths: percent-encoding (malformed too), dot segments, double slashes, unicode, 8 KiB", requests: pathRequests },
  { key: "queries", name: "query strings: prototype keys, malformed encodings, long", requests: queryRequests },
  { key: "headers", name: "headers: invalid names and bytes, huge values, thousands, odd Host and Expect", requests: headerRequests },
  { key: "json", name: "JSON bodies: deep, huge numbers, poisoned keys, invalid UTF-8, wrong types, past the limit", requests: jsonRequests },
  { key: "framing", name: "framing: lying Content-Length, lying or broken chunks, cut bodies, past the limit", requests: framingRequests },
];

/** The own keys and values of the prototypes a body could poison. */
function prototypeSnapshot(): Map<string, unknown> {
  const snapshot = new Map<string, unknown>();
  for (const [label, proto] of [["Object", Object.prototype], ["Array", Array.prototype], ["Function", Function.prototype]] as const) {
    for (const key of Reflect.ownKeys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
      snapshot.set(`${label}.${String(key)}`, descriptor.value ?? descriptor.get);
    }
  }
  return snapshot;
}

function prototypeChanges(before: Map<string, unknown>): string[] {
  const after = prototypeSnapshot();
  const keys = new Set([...before.keys(), ...after.keys()]);
  const changes = [...keys].filter((key) => !before.has(key) || !after.has(key) || before.get(key) !== after.get(key));
  if ((({}) as Record<string, unknown>).mvPolluted !== undefined) changes.push("({}).mvPolluted");
  return changes;
}

const pristine = prototypeSnapshot();
const tallies: TargetTally[] = [];
let oracles: Oracles;
const started = Date.now();

beforeAll(async () => {
  oracles = await startOracles();
});

afterAll(async () => {
  await oracles?.close();
  const allowances = Object.fromEntries(ALLOWANCES.map(({ name, reason }) => [name, reason]));
  const total = writeFigures(FIGURES, { runsPerGroup: RUNS, seed: SEED, durationMs: Date.now() - started, allowances }, tallies);
  console.log(`hostile-input total: ${total.cases} cases, ${total.failures} failures (RELIABILITY_SEED=${SEED}, ${RUNS} per group)`);
});

for (const target of targets) {
  describe(`hostile input: ${target.name}`, () => {
    const logged: unknown[] = [];
    const tally = tallyFor(target.name);
    let app: App;
    let served: Served;
    let port: number;
    let prefix: string;

    beforeAll(async () => {
      app = hostileApp({ error: (message, error) => void logged.push([message, error]), warn: () => undefined });
      served = await target.serve(app);
      const url = new URL(served.url);
      port = Number(url.port);
      prefix = url.pathname === "/" ? "" : url.pathname;
      tallies.push(tally);
    });

    afterAll(async () => {
      await served?.close();
      await app?.close();
      console.log(summaryLine(tally));
    });

    GROUPS.forEach((group, index) => {
      it(`${group.name}: ${RUNS} cases, each a well-formed 2xx/4xx`, async () => {
        const failures: string[] = [];
        const property = fc.asyncProperty(group.requests, async (req) => {
          const answer = await exchange(port, wireBytes(req, prefix), { halfClose: req.truncated, head: req.method === "HEAD" });
          const verdict = await judge(target, req, answer, oracles);
          const first = answer.responses.find((response) => response.status >= 200);
          count(tally, group.name, verdict, first === undefined ? answer.end : String(first.status));
          if (!verdict.ok) {
            failures.push(`${verdict.problems.map((problem: Problem) => `${problem.kind}: ${problem.detail}`).join("; ")}\n    for ${describeRequest(req)}`);
          }
        });
        const examples = EXAMPLES[group.key].map((req): [HostileRequest] => [req]);
        const details = await fc.check(property, { numRuns: RUNS, seed: SEED + index, examples });
        expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
        expect(failures.slice(0, 5), `${failures.length} of ${details.numRuns} cases failed (RELIABILITY_SEED=${SEED})`).toEqual([]);

        // The server is still up and serving, and no body reached a prototype.
        const health = await exchange(port, wireBytes(request({ method: "GET", target: "/health" }), prefix));
        expect(health.responses[0]?.status).toBe(200);
        expect(health.responses[0]?.body.toString()).toBe("ok");
        expect(prototypeChanges(pristine)).toEqual([]);
        expect(logged.splice(0), "the App logged an error for a hostile request").toEqual([]);
      }, 30_000 + RUNS * 200);
    });
  });
}
