import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { targets } from "../adapters/targets.js";
import { isolationApp, LoadGauge, type IsolationEcho } from "./isolation-app.js";
import { LoadClient } from "./isolation-load.js";

const REQUESTS = 10_000;
const CONCURRENCY = 1_000;
const LAST_RUN = new URL("./.last-run/", import.meta.url);

interface Figures {
  target: string;
  requests: number;
  concurrency: number;
  maxInFlight: number;
  clientMaxOutstanding: number;
  waves: number;
  stalledWaves: number;
  mismatches: number;
  durationMs: number;
  requestsPerSecond: number;
}

const figures: Figures[] = [];

/** What is wrong with response i, or undefined when it carries its own request's data only. */
function mismatch(id: string, status: number, body: string): string | undefined {
  if (status !== 200) return `${id}: status ${status} ${body.slice(0, 200)}`;
  const echo = JSON.parse(body) as IsolationEcho;
  const expected: IsolationEcho = {
    id,
    context: id,
    state: id,
    before: id,
    service: id,
    serviceBuiltFor: id,
    oneServicePerRequest: true,
    sameContext: true,
  };
  return JSON.stringify(echo) === JSON.stringify(expected) ? undefined : `${id}: ${body}`;
}

let client: LoadClient;

beforeAll(() => {
  client = LoadClient.start();
});

afterAll(async () => {
  await client.close();
  await mkdir(LAST_RUN, { recursive: true });
  const run = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, targets: figures };
  await writeFile(new URL("isolation.json", LAST_RUN), `${JSON.stringify(run, null, 2)}\n`);
});

describe("isolation under load: currentContext(), ctx.state and request-scoped services", () => {
  for (const target of targets) {
    it(`${target.name}: ${REQUESTS} requests, ${CONCURRENCY} in flight at once, none sees another's data`, async () => {
      const gauge = new LoadGauge(CONCURRENCY, REQUESTS);
      const app = isolationApp(gauge);
      const served = await target.serve(app);
      try {
        // A fresh tag per run, so that a response left over from another run would not pass.
        const tag = Math.random().toString(36).slice(2, 8);
        const run = await client.run({ url: `${served.url}/isolate`, tag, total: REQUESTS, concurrency: CONCURRENCY });
        const wrong = run.results.flatMap(({ status, body }, i) => mismatch(`${tag}-${i}`, status, body) ?? []);
        figures.push({
          target: target.name,
          requests: run.results.length,
          concurrency: CONCURRENCY,
          maxInFlight: gauge.maxInFlight,
          clientMaxOutstanding: run.maxOutstanding,
          waves: gauge.waves,
          stalledWaves: gauge.stalls,
          mismatches: wrong.length,
          durationMs: Math.round(run.durationMs),
          requestsPerSecond: Math.round((run.results.length / run.durationMs) * 1000),
        });
        console.log(`isolation ${target.name}: ${run.results.length} requests, max in flight ${gauge.maxInFlight}, mismatches ${wrong.length}`);
        expect(wrong.length, `the first mismatches:\n${wrong.slice(0, 5).join("\n")}`).toBe(0);
        expect(run.results).toHaveLength(REQUESTS);
        // Every client slot had its request inside a handler at the same time.
        expect(gauge.maxInFlight).toBeGreaterThanOrEqual(CONCURRENCY);
      } finally {
        await served.close();
        await app.close();
      }
    }, 60_000);
  }
});
