import fc from "fast-check";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/index.js";
import type { ConformanceTarget, Served } from "../adapters/conformance.js";
import { targets } from "../adapters/targets.js";
import { DIFFERENTIAL_ALLOWANCES } from "./differential-allowances.js";
import { toAnswer } from "./differential-answer.js";
import { differentialApp } from "./differential-app.js";
import { DIFFERENTIAL_EXAMPLES } from "./differential-examples.js";
import { judgeCase, type CaseVerdict } from "./differential-judge.js";
import { describeCase, signature } from "./differential-report.js";
import { bodyRequests, headerRequests, methodRequests, mounted, pathRequests } from "./differential-requests.js";
import { startOracles, type Oracles } from "./hostile-oracles.js";
import { exchange } from "./hostile-raw-http.js";
import { wireBytes, type HostileRequest } from "./hostile-request.js";
import { count, summaryLine, tallyFor, writeFigures, type TargetTally } from "./hostile-tally.js";
import { fromEnv } from "./reliability-env.js";

// The differential suite: the same generated raw request, over raw TCP, to every target of
// targets.ts at once; their answers must agree (status, content-type, allow, location, a
// content-length that is the body's, the body, nothing after it). A difference is excused only
// by a row of differential-allowances.ts. RELIABILITY_RUNS sets the cases per group (default
// 100), RELIABILITY_SEED replays a run, DIFFERENTIAL_KEEP_GOING=1 lists every distinct
// disagreement instead of shrinking the first one.

const RUNS = fromEnv("RELIABILITY_RUNS", 100, 1);
const SEED = fromEnv("RELIABILITY_SEED", Date.now() % 2 ** 31, 0);
const KEEP_GOING = process.env.DIFFERENTIAL_KEEP_GOING === "1";
const FIGURES = fileURLToPath(new URL("./.last-run/differential.json", import.meta.url));
/** How long a target may take to answer and close: a body read that never settles shows as a timeout. */
const TIMEOUT_MS = 5000;
/** Milliseconds between the pieces of a trickled body. */
const TRICKLE_MS = 20;

const GROUPS: readonly { key: keyof typeof DIFFERENTIAL_EXAMPLES; name: string; requests: fc.Arbitrary<HostileRequest> }[] = [
  { key: "paths", name: "paths: percent-encodings, dot segments, double slashes, absolute-form", requests: pathRequests },
  { key: "methods", name: "methods: standard, lower-case, unknown", requests: methodRequests },
  { key: "headers", name: "headers: duplicate content types and lengths, both framings, odd values", requests: headerRequests },
  { key: "bodies", name: "bodies: trickled, cut short, lying about their length", requests: bodyRequests },
];

interface Running {
  readonly target: ConformanceTarget;
  readonly app: App;
  readonly served: Served;
  readonly port: number;
  readonly prefix: string;
  readonly tally: TargetTally;
  closed: boolean;
}

const running: Running[] = [];
let oracles: Oracles;
const started = Date.now();

beforeAll(async () => {
  oracles = await startOracles();
  for (const target of targets) {
    const app = differentialApp();
    const served = await target.serve(app);
    const url = new URL(served.url);
    running.push({ target, app, served, port: Number(url.port), prefix: url.pathname === "/" ? "" : url.pathname, tally: tallyFor(target.name), closed: false });
  }
});

/** Closes every target still open, all at once: each App first (its report), then the host's server. */
async function closeAll(): Promise<{ target: string; pending: number }[]> {
  const open = running.filter((entry) => !entry.closed);
  for (const entry of open) entry.closed = true;
  return Promise.all(
    open.map(async ({ target, app, served }) => {
      const report = await app.close();
      await served.close();
      return { target: target.name, pending: report.requests.pending };
    }),
  );
}

afterAll(async () => {
  await closeAll();
  await oracles?.close();
  for (const { tally } of running) console.log(summaryLine(tally, "differential"));
  const allowances = Object.fromEntries(DIFFERENTIAL_ALLOWANCES.map(({ name, why }) => [name, why]));
  const total = writeFigures(FIGURES, { runsPerGroup: RUNS, seed: SEED, durationMs: Date.now() - started, allowances }, running.map(({ tally }) => tally));
  console.log(`differential total: ${total.cases / Math.max(1, running.length)} cases × ${running.length} targets, ${total.failures} failures (RELIABILITY_SEED=${SEED}, ${RUNS} per group)`);
}, 30_000);

/** Sends `req` to every target at once and judges the answers. */
async function runCase(req: HostileRequest): Promise<CaseVerdict> {
  // Only "HEAD" itself: node's parser refuses "head", and the refusal has a body.
  const head = req.method === "HEAD";
  const options = { timeoutMs: TIMEOUT_MS, halfClose: req.truncated, head, gapMs: TRICKLE_MS };
  const answers = await Promise.all(running.map(({ port, prefix }) => exchange(port, wireBytes(mounted(req, prefix), ""), options)));
  return judgeCase(req, targets, answers.map((answer) => toAnswer(answer, head)), () => oracles.node(req));
}

describe(`differential: the same raw request to all ${targets.length} targets`, () => {
  it("every allowance row names fields, kinds, a reason and only targets of targets.ts", () => {
    const names = new Set(targets.map(({ name }) => name));
    for (const row of DIFFERENTIAL_ALLOWANCES) {
      expect(row.fields.length * row.kinds.length, row.name).toBeGreaterThan(0);
      expect(row.why.length, row.name).toBeGreaterThan(20);
      if ("names" in row.targets) expect(row.targets.names.filter((name) => !names.has(name)), row.name).toEqual([]);
    }
  });

  GROUPS.forEach((group, index) => {
    it(`${group.name}: ${RUNS} cases, one answer everywhere`, async () => {
      // Cases are counted until the first failure: what fast-check runs after it is shrinking.
      let counting = true;
      let lastFailure: string | undefined;
      const distinct = new Map<string, string>();
      const property = fc.asyncProperty(group.requests, async (req) => {
        const verdict = await runCase(req);
        if (counting) {
          for (const [i, { tally }] of running.entries()) {
            const target = verdict.targets[i]!;
            count(tally, group.name, target.unexcused.length === 0 ? { ok: true, allowances: target.allowances } : { ok: false }, target.answer.status);
          }
        }
        if (verdict.ok) return true;
        lastFailure = describeCase(req, verdict);
        if (KEEP_GOING) {
          if (!distinct.has(signature(verdict))) distinct.set(signature(verdict), lastFailure);
          return true;
        }
        counting = false;
        return false;
      });
      const examples = DIFFERENTIAL_EXAMPLES[group.key].map((req): [HostileRequest] => [req]);
      const details = await fc.check(property, { numRuns: RUNS, seed: SEED + index, examples, interruptAfterTimeLimit: 90_000 });
      if (distinct.size > 0) console.log([...distinct.values()].join("\n\n"));
      expect(distinct.size, `${distinct.size} distinct disagreements, printed above (RELIABILITY_SEED=${SEED})`).toBe(0);
      expect(details.failed, `${lastFailure}\n\n${fc.defaultReportMessage(details)}`).toBe(false);

      // Every target still answers.
      const health = await runCase(DIFFERENTIAL_EXAMPLES.paths[0]!);
      expect(health.targets.map(({ answer }) => answer.status)).toEqual(targets.map(() => "200"));
    }, 120_000 + RUNS * 500);
  });

  it("every target closes with no request left in flight (a body read that never settles stays)", async () => {
    const closed = await closeAll();
    expect(closed.filter(({ pending }) => pending > 0)).toEqual([]);
  }, 30_000);
});
