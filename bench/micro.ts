import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { bench, do_not_optimize, run } from "mitata";
import type * as Methodview from "../src/index.js";
import type { App as AppType, RequestContext } from "../src/index.js";
import type { RequestSource } from "../src/host/index.js";
import { buildPackage } from "./build.js";
import { pinSelf } from "./child.js";
import { machine, markdownTable, median as middle, replaceSection } from "./machine.js";

/**
 * The dispatch path alone, in process, no sockets: a MethodView's view function, and the
 * App's whole pipeline (`app.handle()`), sync and async, with and without hooks, against
 * calling the handler directly. Figures are the median ns per call.
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
await buildPackage("quick");
const PACKAGE = "methodview"; // a variable: the BUILT package (dist/), not src/
const { App, MethodView } = (await import(PACKAGE)) as typeof Methodview;
const pinned = pinSelf(1);
const loadAtStart = loadavg()[0]!;

const syncHandler = () => ({ hello: "world" });
const asyncHandler = async () => await Promise.resolve({ hello: "world" });

class SyncView extends MethodView {
  get() {
    return { hello: "world" };
  }
}
class AsyncView extends MethodView {
  async get() {
    return await Promise.resolve({ hello: "world" });
  }
}

/** A request context made by hand: what a view function reads of it. */
const ctx = { method: "GET", path: "/", params: {}, state: {} } as unknown as RequestContext;

/** The least a host tells the App about a request. */
function source(url: string): RequestSource<undefined> {
  return {
    method: "GET",
    url,
    headers: () => new Headers(),
    header: () => undefined,
    readBody: async () => new Uint8Array(0),
    parsedBody: () => undefined,
    toRequest: () => new Request(`http://localhost${url}`),
    watchAbort: () => undefined,
    raw: undefined,
  };
}

function makeApp(asyncContext: boolean, hooks: boolean): AppType {
  const app = new App({ asyncContext });
  app.register("/sync", SyncView);
  app.register("/async", AsyncView);
  if (hooks) {
    app.beforeRequest((c) => {
      c.state.user = "bench";
    });
    app.afterRequest((response) => {
      response.setHeader("x-hooked", "1");
    });
  }
  return app;
}

const syncView = SyncView.asView("sync");
const asyncView = AsyncView.asView("async");
const syncSource = source("/sync");
const asyncSource = source("/async");

interface Row {
  readonly name: string;
  readonly baseline?: string;
  readonly fn: () => unknown;
  /** Measured after every row without it: the first AsyncLocalStorage.run() turns async hooks on for the whole process (Node 20). */
  readonly als: boolean;
}
const rows: Row[] = [
  { name: "direct sync call", fn: () => do_not_optimize(syncHandler()), als: false },
  { name: "direct sync call + JSON.stringify", fn: () => do_not_optimize(JSON.stringify(syncHandler())), als: false },
  { name: "direct async call (await)", fn: async () => do_not_optimize(await asyncHandler()), als: false },
  { name: "direct async call + JSON.stringify", fn: async () => do_not_optimize(JSON.stringify(await asyncHandler())), als: false },
  { name: "view function, sync", baseline: "direct sync call", fn: () => do_not_optimize(syncView(ctx)), als: false },
  { name: "view function, async", baseline: "direct async call (await)", fn: async () => do_not_optimize(await asyncView(ctx)), als: false },
];
for (const asyncContext of [false, true]) {
  for (const hooks of [false, true]) {
    const app = makeApp(asyncContext, hooks);
    const label = `app.handle, ${hooks ? "hooks" : "no hooks"}, asyncContext ${asyncContext}`;
    rows.push({ name: `${label}, sync`, baseline: "direct sync call + JSON.stringify", fn: () => do_not_optimize(app.handle(syncSource)), als: asyncContext });
    rows.push({ name: `${label}, async`, baseline: "direct async call + JSON.stringify", fn: async () => do_not_optimize(await app.handle(asyncSource)), als: asyncContext });
  }
}

// The suite is run several times (mitata compiles a loop per benchmark, so each call site
// stays monomorphic; it forgets its benchmarks after each run), and each row keeps the median
// of its medians: a busy machine then weighs on a row and its baseline alike.
const REPETITIONS = 5;
const medians = new Map<string, number[]>(rows.map((r) => [r.name, []]));
for (const als of [false, true]) {
  for (let i = 0; i < REPETITIONS; i++) {
    for (const row of rows.filter((r) => r.als === als)) bench(row.name, row.fn);
    const { benchmarks } = await run({ format: "quiet" });
    for (const b of benchmarks) medians.get(b.alias)!.push(b.runs[0]?.stats?.p50 ?? NaN);
  }
}
const median = new Map([...medians].map(([name, values]) => [name, middle(values)]));
const ns = (value: number) => value.toFixed(1);
const table = markdownTable(
  ["path", "ns/call", "baseline", "overhead ns"],
  rows.map(({ name, baseline }) => [name, ns(median.get(name)!), baseline ?? "", baseline ? ns(median.get(name)! - median.get(baseline)!) : ""]),
);
const over = (name: string, baseline: string) => median.get(name)! - median.get(baseline)!;
const goals = [
  ["sync dispatch (view function) < 100 ns", over("view function, sync", "direct sync call"), 100],
  ["async dispatch (view function) < 300 ns", over("view function, async", "direct async call (await)"), 300],
  // Issue 13's goals for the whole App pipeline, with the defaults (asyncContext on).
  ["sync App pipeline, no hooks, asyncContext true < 300 ns", over("app.handle, no hooks, asyncContext true, sync", "direct sync call + JSON.stringify"), 300],
  ["async App pipeline, no hooks, asyncContext true < 1000 ns", over("app.handle, no hooks, asyncContext true, async", "direct async call + JSON.stringify"), 1000],
] as const;
const goalLines = goals.map(([text, value, limit]) => `${value < limit ? "met " : "MISSED"} ${text}: ${ns(value)} ns`);
const info = machine();
console.log(`\n${table}\n\n${goalLines.join("\n")}\n`);

const results = here("./RESULTS.md");
const doc = existsSync(results) ? readFileSync(results, "utf8") : "# Benchmark results\n";
const section = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${info.cpu}, ${info.cores} cores, Node ${info.node}, mitata, median of ${REPETITIONS} runs of the suite${pinned ? ", pinned to core 1" : ""}; 1-minute load average ${loadAtStart.toFixed(2)} at the start.`,
  "The rows with asyncContext true run last: the first AsyncLocalStorage.run() turns async hooks on for the whole process.",
  "The app.handle rows include building the context and the response (the body is serialised with JSON.stringify), so their baseline is the direct call plus JSON.stringify.",
  "",
  table,
  "",
  "```",
  ...goalLines,
  "```",
].join("\n");
writeFileSync(results, replaceSection(doc, "micro", section));
writeFileSync(here("./micro.json"), `${JSON.stringify({ date: new Date().toISOString(), machine: info, medianNs: Object.fromEntries(median), goals: goalLines }, null, 2)}\n`);
