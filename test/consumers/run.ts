/**
 * The consumer matrix: the package as a user installs it. Packs the tarball, installs it
 * into throwaway ESM and CommonJS projects under a temp dir, type-checks a small app with
 * each TypeScript line (5.9 and 7) and module resolution (node10, node16, nodenext,
 * bundler), with and without @types/node, then compiles it, runs it with node and sends it
 * requests over HTTP. Offline: the tarball is unpacked as `npm install <tarball>` would, and
 * its dependencies and the tools are linked from this repository's node_modules.
 *
 * Run with `npm run test:consumers` after `npm run build`. Exits 1 when a cell fails.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const fixtures = join(repo, "test/consumers/fixtures");

const COMPILERS = {
  "TS 5.9": join(repo, "node_modules/typescript/bin/tsc"),
  "TS 7": join(repo, "node_modules/typescript7/bin/tsc"),
} as const;
type Compiler = keyof typeof COMPILERS;
type Format = "esm" | "cjs";
type Resolution = "node10" | "node16" | "nodenext" | "bundler";
/** "node": a Node project with @types/node; "web": no @types/node, web-platform libs only (Deno, Bun, Workers). */
type Types = "node" | "web";

const FORMATS: readonly Format[] = ["esm", "cjs"];
const RESOLUTIONS: readonly Resolution[] = ["node10", "node16", "nodenext", "bundler"];
const TYPES: readonly Types[] = ["node", "web"];
/** What each project links from the repository besides the package's own dependencies. */
const TOOLS: Record<Types, readonly string[]> = { node: ["express", "@types/node", "@types/express"], web: [] };

interface Cell {
  readonly label: string;
  readonly ok: boolean;
  readonly detail: string;
}

function moduleFor(resolution: Resolution, format: Format): string {
  if (resolution === "node10") return format === "esm" ? "esnext" : "commonjs";
  if (resolution === "bundler") return format === "esm" ? "esnext" : "preserve";
  return resolution;
}

function compilerOptions(types: Types, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    target: "ES2022",
    strict: true,
    skipLibCheck: false,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    lib: types === "node" ? ["ES2023"] : ["ES2023", "DOM", "DOM.Iterable"],
    types: types === "node" ? ["node"] : [],
    ...extra,
  };
}

/** Why a cell is not run, or undefined. */
function skipped(compiler: Compiler, format: Format, resolution: Resolution): string | undefined {
  if (compiler === "TS 7" && resolution === "node10") return "TypeScript 7 removed node10 (TS5108)";
  if (format === "esm" && resolution === "node10") return "node10 is a CommonJS-era setting (the NestJS default): checked in the CommonJS project";
  if (format === "cjs" && resolution === "bundler") return "bundler resolution needs an ES module setting";
  return undefined;
}

const entryOf = (types: Types) => (types === "node" ? "app-node" : "main-core");

/** Unpacks the tarball into `<dir>/node_modules/methodview` and links its dependencies and `tools`. */
function install(tarball: string, dir: string, tools: readonly string[]): Promise<unknown> {
  const modules = join(dir, "node_modules");
  const target = join(modules, "methodview");
  mkdirSync(target, { recursive: true });
  return run("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"]).then(() => {
    const manifest = JSON.parse(readFileSync(join(target, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...tools]) {
      mkdirSync(dirname(join(modules, name)), { recursive: true });
      symlinkSync(join(repo, "node_modules", name), join(modules, name), "dir");
    }
  });
}

function project(root: string, types: Types, format: Format): string {
  const dir = join(root, types, format);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `consumer-${types}-${format}`, private: true, type: format === "esm" ? "module" : "commonjs" }));
  for (const file of ["app-core.ts", "main-core.ts", ...(types === "node" ? ["app-node.ts"] : [])]) cpSync(join(fixtures, file), join(dir, file));
  return dir;
}

async function tsc(compiler: Compiler, dir: string, name: string, options: Record<string, unknown>, files: string[]): Promise<string | undefined> {
  const config = join(dir, `tsconfig.${name}.json`);
  writeFileSync(config, JSON.stringify({ compilerOptions: options, files }));
  try {
    await run(process.execPath, [COMPILERS[compiler], "-p", config], { cwd: dir, timeout: 120_000 });
    return undefined;
  } catch (error) {
    const { stdout, message } = error as { stdout?: string; message: string };
    return (stdout || message).trim().split("\n").slice(0, 3).join(" | ");
  }
}

/**
 * Type-checks the app; the nodenext cell also emits it, runs it with node and checks what it
 * answered over HTTP.
 */
async function cell(compiler: Compiler, dir: string, types: Types, format: Format, resolution: Resolution): Promise<Cell> {
  const label = `${compiler} ${format} ${resolution} ${types === "node" ? "@types/node" : "no @types/node"}`;
  const outDir = `out-${compiler.replace(/\W/g, "")}`;
  const emit = resolution === "nodenext" ? { outDir } : { noEmit: true };
  const options = compilerOptions(types, { module: moduleFor(resolution, format), moduleResolution: resolution, ...emit });
  const failure = await tsc(compiler, dir, `${compiler.replace(/\W/g, "")}-${resolution}`, options, [`${entryOf(types)}.ts`]);
  if (failure !== undefined) return { label, ok: false, detail: failure };
  if (resolution !== "nodenext") return { label, ok: true, detail: "compiles" };
  try {
    const { stdout } = await run(process.execPath, [join(dir, outDir, `${entryOf(types)}.js`)], { cwd: dir, timeout: 30_000 });
    const reports = ([] as { host: string; failures: string[] }[]).concat(JSON.parse(stdout.trim()) as never);
    const failures = reports.flatMap((report) => report.failures.map((f) => `${report.host}: ${f}`));
    return { label: `${label} + run`, ok: failures.length === 0 && reports.length > 0, detail: failures.join(" | ") || `compiles, runs, answers over HTTP on ${reports.map((r) => r.host).join(", ")}` };
  } catch (error) {
    return { label: `${label} + run`, ok: false, detail: (error as Error).message.split("\n").slice(0, 3).join(" | ") };
  }
}

/** Runs `tasks` two at a time: the machine's cores are shared. */
async function pool<T>(tasks: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

async function main(): Promise<void> {
  const started = performance.now();
  const root = mkdtempSync(join(tmpdir(), "methodview-consumers-"));
  try {
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", root], { cwd: repo });
    const tarball = join(root, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
    await Promise.all(TYPES.map((types) => install(tarball, join(root, types), TOOLS[types])));
    const tasks: (() => Promise<Cell>)[] = [];
    const skips: string[] = [];
    for (const types of TYPES) {
      for (const format of FORMATS) {
        const dir = project(root, types, format);
        for (const compiler of Object.keys(COMPILERS) as Compiler[]) {
          for (const resolution of RESOLUTIONS) {
            const why = skipped(compiler, format, resolution);
            if (why === undefined) tasks.push(() => cell(compiler, dir, types, format, resolution));
            else skips.push(`${compiler} ${format} ${resolution}: ${why}`);
          }
        }
      }
    }
    const cells = await pool(tasks);
    for (const c of cells) console.log(`${c.ok ? "PASS" : "FAIL"}  ${c.label}: ${c.detail}`);
    for (const skip of new Set(skips)) console.log(`n/a   ${skip}`);
    const failed = cells.filter((c) => !c.ok).length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`\nconsumer matrix: ${cells.length - failed}/${cells.length} cells pass, ${seconds} s`);
    if (failed > 0) process.exitCode = 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
