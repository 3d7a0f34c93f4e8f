import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Measurement } from "./load.js";
import { machine, markdownTable, median, replaceSection } from "./machine.js";
import { servers, type ServerSpec } from "./registry.js";
import { scenarios } from "./scenarios.js";

/** One server on one scenario in one round. */
export interface RunRecord {
  readonly server: string;
  readonly scenario: number;
  readonly round: number;
  readonly status: "ok" | "failed" | "unavailable";
  /** Where a failed run failed: the server did not start, answered wrongly, or erred under load. */
  readonly stage?: "start" | "check" | "warm-up" | "load";
  readonly measurement?: Measurement;
  readonly reason?: string;
}

export interface Settings {
  readonly connections: number;
  readonly pipelining: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  readonly rounds: number;
  readonly pinned: string;
  /** The 1-minute load average when the run started and when it ended: other work on the machine skews figures. */
  readonly loadAverage?: readonly [number, number];
}

interface Row {
  readonly server: ServerSpec;
  readonly scenario: number;
  readonly status: RunRecord["status"];
  readonly reason?: string;
  readonly rps?: number;
  readonly p99?: number;
  readonly ratio?: number;
  readonly perRound: readonly number[];
}

/** Medians across rounds; a cell with any failed round is failed, not a number. */
export function summarize(records: readonly RunRecord[]): Row[] {
  const rows: Row[] = [];
  const byKey = new Map<string, Row>();
  for (const scenario of scenarios) {
    for (const server of servers) {
      const runs = records.filter((r) => r.server === server.name && r.scenario === scenario.id);
      if (runs.length === 0) continue;
      const bad = runs.find((r) => r.status !== "ok");
      const row: Row = bad
        ? { server, scenario: scenario.id, status: bad.status, reason: bad.reason, perRound: [] }
        : {
            server,
            scenario: scenario.id,
            status: "ok",
            rps: median(runs.map((r) => r.measurement!.rps)),
            p99: median(runs.map((r) => r.measurement!.p99)),
            perRound: runs.map((r) => Math.round(r.measurement!.rps)),
          };
      byKey.set(`${server.name}/${scenario.id}`, row);
      rows.push(row);
    }
  }
  // The ratio is taken round by round (a server and its baseline are measured side by side),
  // then the median across rounds: steadier than a ratio of medians when the machine is busy.
  return rows.map((row) => {
    const base = row.server.baseline && byKey.get(`${row.server.baseline}/${row.scenario}`);
    if (!base || base.rps === undefined || row.rps === undefined || base.perRound.length !== row.perRound.length) return row;
    return { ...row, ratio: median(row.perRound.map((rps, i) => rps / base.perRound[i]!)) };
  });
}

const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

/** The goals of the issue that these figures can answer; measured, never asserted. */
export function targets(rows: readonly Row[]): string[] {
  const at = (name: string, scenario: number) => rows.find((r) => r.server.name === name && r.scenario === scenario);
  const lines: string[] = [];
  const check = (ok: boolean | undefined, text: string) => lines.push(`${ok === undefined ? "n/a " : ok ? "met " : "MISSED"} ${text}`);
  for (const id of [1, 2]) {
    const row = at("node-methodview", id);
    check(row?.ratio === undefined ? undefined : row.ratio >= 0.95, `methodview/node >= 95% of node:http on (${id}): ${row?.ratio === undefined ? "not measured" : pct(row.ratio)}`);
  }
  for (const row of rows) {
    if (row.server.kind !== "methodview" || row.server.host === "node") continue;
    check(row.ratio === undefined ? undefined : row.ratio >= 0.95, `${row.server.label} >= 95% of its raw host on (${row.scenario}): ${row.ratio === undefined ? row.status : pct(row.ratio)}`);
  }
  for (const nest of rows.filter((r) => r.server.name.startsWith("nest-"))) {
    for (const mv of rows.filter((r) => r.server.kind === "methodview" && r.server.host === nest.server.host && r.scenario === nest.scenario)) {
      const ok = mv.rps === undefined || nest.rps === undefined ? undefined : mv.rps > nest.rps;
      check(ok, `${mv.server.label} ahead of ${nest.server.label} on (${nest.scenario}): ${mv.rps === undefined || nest.rps === undefined ? "not measured" : `${Math.round(mv.rps)} vs ${Math.round(nest.rps)} req/s`}`);
    }
  }
  for (const server of servers.filter((s) => s.kind === "methodview")) {
    const sync = at(server.name, 1);
    const async = at(server.name, 4);
    const ratio = sync?.rps !== undefined && async?.rps !== undefined ? async.rps / sync.rps : undefined;
    check(ratio === undefined ? undefined : ratio >= 0.97, `${server.label}: async handler (4) within 3% of sync (1): ${ratio === undefined ? "not measured" : pct(ratio)}`);
  }
  return lines;
}

export function table(rows: readonly Row[]): string {
  const body = rows.map((row) => {
    const scenario = scenarios.find((s) => s.id === row.scenario)!;
    const cells =
      row.status === "ok"
        ? [Math.round(row.rps!).toString(), row.p99!.toFixed(0), row.ratio === undefined ? "baseline" : pct(row.ratio), row.perRound.join(" / ")]
        : [row.status === "unavailable" ? "not available" : `FAILED: ${(row.reason ?? "").split("\n")[0]!.slice(0, 60)}`, "", "", ""];
    return [`(${scenario.id}) ${scenario.name}`, row.server.label, ...cells];
  });
  return markdownTable(["scenario", "server", "req/s (median)", "p99 ms (median)", "vs raw host (median of rounds)", "req/s per round"], body);
}

/** Prints the table and the goals, writes results.json and the load section of RESULTS.md. */
export function report(records: readonly RunRecord[], settings: Settings, files: { json?: string; markdown?: string }): Row[] {
  const rows = summarize(records);
  const goals = targets(rows);
  const info = machine();
  const date = new Date().toISOString();
  console.log(`\n${table(rows)}\n\n${goals.join("\n")}\n`);
  if (files.json) {
    const json = {
      date,
      machine: info,
      settings,
      summary: rows.map(({ server, ...row }) => ({ server: server.name, label: server.label, ...row })),
      targets: goals,
      runs: records,
    };
    writeFileSync(files.json, `${JSON.stringify(json, null, 2)}\n`);
  }
  if (files.markdown) {
    const doc = existsSync(files.markdown) ? readFileSync(files.markdown, "utf8") : "# Benchmark results\n";
    const section = [
      `Measured ${date.slice(0, 10)} on ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, ${info.platform}, Node ${info.node}.`,
      settings.loadAverage ? `1-minute load average ${settings.loadAverage[0].toFixed(2)} at the start, ${settings.loadAverage[1].toFixed(2)} at the end (on 2 cores).` : "",
      `autocannon: ${settings.connections} connections, pipelining ${settings.pipelining}, warm-up ${settings.warmupSeconds} s then ${settings.durationSeconds} s measured, ${settings.rounds} rounds in alternating server order; ${settings.pinned}.`,
      "",
      table(rows),
      "",
      "Goals (measured, never asserted):",
      "",
      "```",
      ...goals,
      "```",
    ].join("\n");
    writeFileSync(files.markdown, replaceSection(doc, "load", section));
  }
  return rows;
}
