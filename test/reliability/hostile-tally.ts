import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** What a suite decided about one case: fine (with the allowances it used) or not. */
type CaseOutcome = { readonly ok: true; readonly allowances: readonly string[] } | { readonly ok: false };

/** Cases and failures of one target, by property group, and how often each allowance was used. */
export interface TargetTally {
  readonly target: string;
  cases: number;
  failures: number;
  readonly groups: Record<string, { cases: number; failures: number; statuses: Record<string, number> }>;
  readonly allowances: Record<string, number>;
}

export function tallyFor(target: string): TargetTally {
  return { target, cases: 0, failures: 0, groups: {}, allowances: {} };
}

/** Counts one case of `group` into `tally`; `status` is the first final status, or how the exchange ended without one. */
export function count(tally: TargetTally, group: string, verdict: CaseOutcome, status: string): void {
  const slot = (tally.groups[group] ??= { cases: 0, failures: 0, statuses: {} });
  tally.cases++;
  slot.cases++;
  slot.statuses[status] = (slot.statuses[status] ?? 0) + 1;
  if (!verdict.ok) {
    tally.failures++;
    slot.failures++;
    return;
  }
  for (const name of verdict.allowances) tally.allowances[name] = (tally.allowances[name] ?? 0) + 1;
}

/** The one summary line of a target, named after its `suite`. */
export function summaryLine(tally: TargetTally, suite = "hostile-input"): string {
  const allowed = Object.entries(tally.allowances)
    .map(([name, times]) => `${name} ${times}`)
    .join(", ");
  return `${suite} ${tally.target}: ${tally.cases} cases, ${tally.failures} failures${allowed === "" ? "" : ` (allowances: ${allowed})`}`;
}

/** Writes the figures of the run to `file`, for docs/reliability.md to quote; returns the totals. */
export function writeFigures(
  file: string,
  run: { runsPerGroup: number; seed: number; durationMs: number; allowances: Record<string, string> },
  tallies: readonly TargetTally[],
): { cases: number; failures: number } {
  const total = tallies.reduce((sum, tally) => ({ cases: sum.cases + tally.cases, failures: sum.failures + tally.failures }), { cases: 0, failures: 0 });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ...run, total, targets: tallies }, null, 2)}\n`);
  return total;
}
