import { setTimeout as sleep } from "node:timers/promises";
import { startServer } from "./child.js";
import { checkAnswer, combine, failureOf, runLoad, type Measurement } from "./load.js";
import type { ServerSpec } from "./registry.js";
import type { RunRecord } from "./report.js";
import { scenarios } from "./scenarios.js";

export interface GroupOptions {
  readonly round: number;
  readonly hooks: boolean;
  readonly dir: string;
  readonly core: number | undefined;
  readonly nodeArgs: readonly string[];
  /** The node binary the servers run on. */
  readonly node: string;
  readonly warmup: number;
  readonly duration: number;
  /** Measured seconds are cut in slices of about this length, taken in turn by each server. */
  readonly slice: number;
  /** The scenario ids to measure each server on, in this mode. */
  readonly ids: (spec: ServerSpec) => number[];
  /** Servers known not to be available, with why. */
  readonly unavailable: Map<string, string>;
  readonly record: (run: RunRecord) => void;
}

interface Running {
  readonly spec: ServerSpec;
  readonly origin: string;
  diagnose(): string | undefined;
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Measures the servers of one host side by side: all are started (each in its own process,
 * on the same core), each scenario is checked and warmed up on every one, then the measured
 * time is cut in slices taken in turn, in alternating order, so that whatever else the
 * machine does weighs on the server and its baseline alike.
 */
export async function measureGroup(members: readonly ServerSpec[], o: GroupOptions): Promise<void> {
  const running: Running[] = [];
  for (const spec of members) {
    const ids = o.ids(spec);
    if (ids.length === 0) continue;
    const known = o.unavailable.get(spec.name);
    const started = known === undefined ? await startServer(spec, o) : { kind: "unavailable" as const, reason: known };
    if (started.kind === "listening") {
      running.push({ spec, origin: `http://127.0.0.1:${started.port}`, diagnose: started.diagnose, cpuMicros: started.cpuMicros, stop: started.stop });
      continue;
    }
    if (started.kind === "unavailable") o.unavailable.set(spec.name, started.reason);
    const stage = started.kind === "failed" ? ("start" as const) : undefined;
    for (const id of ids) o.record({ server: spec.name, scenario: id, round: o.round, status: started.kind, stage, reason: started.reason });
  }
  try {
    for (const scenario of scenarios) {
      const fail = (r: Running, stage: RunRecord["stage"], reason: string, measurement?: Measurement) => {
        const why = r.diagnose();
        o.record({ server: r.spec.name, scenario: scenario.id, round: o.round, status: "failed", stage, reason: why ? `${reason} (${why})` : reason, measurement });
      };
      const ready: Running[] = [];
      for (const r of running.filter((r) => o.ids(r.spec).includes(scenario.id))) {
        const wrong = await checkAnswer(r.origin, scenario);
        if (wrong !== undefined) {
          fail(r, "check", `answer check: ${wrong}`);
          continue;
        }
        const warm = o.warmup > 0 ? await runLoad(r.origin, scenario, o.warmup) : undefined;
        const failure = warm === undefined || warm.requests === 0 ? undefined : failureOf(warm);
        if (failure !== undefined) fail(r, "warm-up", `warm-up: ${failure}`, warm);
        else ready.push(r);
      }
      const count = Math.max(1, Math.round(o.duration / o.slice));
      const slices = new Map<Running, Measurement[]>(ready.map((r) => [r, []]));
      for (let i = 0; i < count; i++) {
        for (const r of i % 2 === 0 ? ready : [...ready].reverse()) {
          const before = await r.cpuMicros();
          const slice = await runLoad(r.origin, scenario, o.duration / count);
          slices.get(r)!.push({ ...slice, cpuMicros: (await r.cpuMicros()) - before });
          if (o.slice >= 1) await sleep(100); // lets the sockets of the last slice close
        }
      }
      for (const r of ready) {
        const measurement = combine(slices.get(r)!);
        const failure = failureOf(measurement);
        if (failure !== undefined) fail(r, "load", failure, measurement);
        else o.record({ server: r.spec.name, scenario: scenario.id, round: o.round, status: "ok", measurement });
      }
    }
  } finally {
    await Promise.all(running.map((r) => r.stop()));
  }
}
