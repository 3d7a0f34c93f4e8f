import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/**
 * Top self-time functions of a `node --cpu-prof` profile. Frames in dist/ are mapped back
 * to src/ through the build's source maps, so a methodview frame reads `src/app/app.ts:handle`.
 *
 *   node --import @swc-node/register/esm-register bench/profile.ts FILE.cpuprofile [--top 25] [--match fastify/]
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const maps = new Map<string, SourceMap | undefined>();

function sourceMapOf(file: string): SourceMap | undefined {
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8"))));
    } catch {
      maps.set(file, undefined);
    }
  }
  return maps.get(file);
}

/** `src/...:function` for methodview frames, `file:function` for the others. */
function where(frame: CallFrame): string {
  const name = frame.functionName || "(anonymous)";
  if (!frame.url.startsWith("file://")) return `${frame.url || "(native)"}:${name}`;
  const file = fileURLToPath(frame.url);
  const entry = file.includes("/dist/") ? sourceMapOf(file)?.findEntry(frame.lineNumber, frame.columnNumber) : undefined;
  const original = entry && "originalSource" in entry ? (entry.originalSource as string) : undefined;
  if (original) {
    const path = original.startsWith("file://") ? fileURLToPath(original) : original;
    return `${path.replace(/^.*?(src\/)/, "$1")}:${name}`;
  }
  return `${relative(ROOT, file).replace(/^.*node_modules\//, "")}:${name}`;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "25" }, match: { type: "string" } },
});
const profile = JSON.parse(readFileSync(positionals[0]!, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const keyOf = new Map([...byId].map(([id, frame]) => [id, where(frame)]));
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  self.set(keyOf.get(id)!, (self.get(keyOf.get(id)!) ?? 0) + dt);
  // Inclusive: every function on the sampled stack, once per sample even when recursive.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(keyOf.get(at)!);
  for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
});
const top = (map: Map<string, number>, filter: (key: string) => boolean) =>
  [...map].filter(([key]) => filter(key)).sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
const line = ([key, us]: [string, number]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`;
const print = (title: string, rows: [string, number][]) => console.log(`\n${title}\n${rows.map(line).join("\n")}`);
console.log(`${positionals[0]}: ${(total / 1e6).toFixed(1)} s sampled`);
print("self time, all frames:", top(self, () => true));
print("self time, methodview src/:", top(self, (key) => key.startsWith("src/")));
print("inclusive time, methodview src/:", top(inclusive, (key) => key.startsWith("src/")));
if (values.match) print(`inclusive time, frames matching "${values.match}":`, top(inclusive, (key) => key.includes(values.match!)));
