import { describe, expect, it } from "vitest";
import { SOAK_CASES } from "./soak-app.js";
import { runSoak } from "./soak-driver.js";

const MB = 1024 * 1024;
const REQUESTS = 20_000;

// The short soak of `npm test`; `npm run soak` runs the full one (200,000 requests, a tighter bound).
describe("memory under a soak of app.listen()", () => {
  it(`${REQUESTS} mixed requests: the heap after GC does not grow past warm-up`, async () => {
    const figures = await runSoak({
      requests: REQUESTS,
      interval: 4_000,
      concurrency: 32,
      bound: { bytes: 8 * MB, fraction: 0.2 },
      figures: "soak-short.json",
    });

    expect(figures.wrongStatus).toBe(0);
    expect(Object.keys(figures.mix).sort()).toEqual(SOAK_CASES.map((kase) => kase.name).sort());
    // Every unknown error was logged once; every background task ran; every failing one was reported.
    expect(figures.counters).toEqual(figures.expectedCounters);
    expect(figures.closeReport.requests).toEqual({ pending: 0, timedOut: false });
    expect(figures.closeReport.background.pending).toBe(0);
    expect(figures.growth, `heap grew by ${figures.growth} B, ${figures.allowed} B allowed`).toBeLessThanOrEqual(figures.allowed);
  }, 60_000);
});
