// `npm run soak`: the full memory soak, 200,000 requests against app.listen() in a child
// process, heap sampled after a forced GC every 20,000. Figures: test/reliability/.last-run/soak.json.
import { runSoak } from "./soak-driver.js";

const MB = 1024 * 1024;

const figures = await runSoak({
  requests: 200_000,
  interval: 20_000,
  concurrency: 64,
  bound: { bytes: 5 * MB, fraction: 0.1 },
  figures: "soak.json",
});
const countersMatch = JSON.stringify(figures.counters) === JSON.stringify(figures.expectedCounters);
if (!figures.passed || figures.wrongStatus > 0 || !countersMatch) {
  console.error(
    `soak failed: ${figures.wrongStatus} wrong statuses, heap growth ${figures.growth} B (${figures.allowed} B allowed), ` +
      `counters ${JSON.stringify(figures.counters)} (expected ${JSON.stringify(figures.expectedCounters)})`,
  );
  process.exitCode = 1;
}
