import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpuPerRequest, type Measurement } from "./load.js";
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
  /** The Node version the servers ran on. */
  readonly node?: string;
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
  /** Server CPU µs per request: the median across rounds, and each round's. */
  readonly cpu?: number;
  readonly cpuPerRound: readonly number[];
  /** Raw host CPU per request / this server's, median of the per-round ratios (1.00 = free). */
  readonly cpuRatio?: number;
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
        ? { server, scenario: scenario.id, status: bad.status, reason: bad.reason, perRound: [], cpuPerRound: [] }
        : {
            server,
            scenario: scenario.id,
            status: "ok",
            rps: median(runs.map((r) => r.measurement!.rps)),
            p99: median(runs.map((r) => r.measurement!.p99)),
            perRound: runs.map((r) => Math.round(r.measurement!.rps)),
            cpu: median(runs.map((r) => cpuPerRequest(r.measurement!))),
            cpuPerRound: runs.map((r) => cpuPerRequest(r.measurement!)),
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
    return {
      ...row,
      ratio: median(row.perRound.map((rps, i) => rps / base.perRound[i]!)),
      cpuRatio: median(row.cpuPerRound.map((cpu, i) => base.cpuPerRound[i]! / cpu)),
    };
  });
}


const ratioText = (ratio: number | undefined, what: string) => (ratio === undefined ? what : ratio.toFixed(2));

/**
 * The goals of the performance issue that these figures answer; measured, never asserted.
 * Every methodview server at >= 0.95 of its raw host in CPU per request and in req/s, and
 * cheaper per request than NestJS on the same host.
 */
export function targets(rows: readonly Row[]): string[] {
  const lines: string[] = [];
  const check = (ok: boolean | undefined, text: string) => lines.push(`${ok === undefined ? "n/a " : ok ? "met " : "MISSED"} ${text}`);
  for (const row of rows) {
    if (row.server.kind !== "methodview") continue;
    const cpuOk = row.cpuRatio === undefined ? undefined : row.cpuRatio >= 0.95;
    const rpsOk = row.ratio === undefined ? undefined : row.ratio >= 0.95;
    check(cpuOk === undefined || rpsOk === undefined ? undefined : cpuOk && rpsOk,
      `${row.server.label} >= 0.95 of its raw host on (${row.scenario}): CPU ${ratioText(row.cpuRatio, row.status)}, req/s ${ratioText(row.ratio, row.status)}`);
  }
  for (const nest of rows.filter((r) => r.server.name.startsWith("nest-"))) {
    for (const mv of rows.filter((r) => r.server.kind === "methodview" && r.server.host === nest.server.host && r.scenario === nest.scenario)) {
      const ok = mv.cpu === undefined || nest.cpu === undefined ? undefined : mv.cpu < nest.cpu;
      check(ok, `${mv.server.label} cheaper than ${nest.server.label} on (${nest.scenario}): ${mv.cpu === undefined || nest.cpu === undefined ? "not measured" : `${mv.cpu.toFixed(1)} vs ${nest.cpu.toFixed(1)} µs/request`}`);
    }
  }
  return lines;
}

export function table(rows: readonly Row[]): string {
  const body = rows.map((row) => {
    const scenario = scenarios.find((s) => s.id === row.scenario)!;
    const cells =
      row.status === "ok"
        ? [
            row.cpu!.toFixed(1),
            row.cpuRatio === undefined ? "baseline" : row.cpuRatio.toFixed(2),
            Math.round(row.rps!).toString(),
            row.ratio === undefined ? "baseline" : row.ratio.toFixed(2),
            row.p99!.toFixed(0),
            row.cpuPerRound.map((cpu) => cpu.toFixed(1)).join(" / "),
          ]
        : [row.status === "unavailable" ? "not available" : `FAILED: ${(row.reason ?? "").split("\n")[0]!.slice(0, 60)}`, "", "", "", "", ""];
    return [`(${scenario.id}) ${scenario.name}`, row.server.label, ...cells];
  });
  return markdownTable(
    ["scenario", "server", "CPU µs/req (median)", "CPU: raw / this", "req/s (median)", "req/s: this / raw", "p99 ms", "CPU µs/req per round"],
    body,
  );
}

/** Prints the table and the goals, writes results.json and the load section of RESULTS.md. */
export function report(records: readonly RunRecord[], settings: Settings, files: { json?: string; markdown?: string; section: string }): Row[] {
  const rows = summarize(records);
  const goals = targets(rows);
  const info = machine();
  const date = new Date().toISOString();
  console.log(`\n${table(rows)}\n\n${goals.join("\n")}\n`);
  if (files.json) {
    const json = {
      date,
      machine: { ...info, serverNode: settings.node ?? info.node },
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
      `Measured ${date.slice(0, 10)} on ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, ${info.platform}, Node ${settings.node ?? info.node} (servers), ${info.node} (load).`,
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
    writeFileSync(files.markdown, replaceSection(doc, files.section, section));
  }
  return rows;
}
