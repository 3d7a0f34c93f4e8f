import { fork } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { guideBlocks, tsdocBlocks, type Block } from "./blocks.js";

// Every TypeScript block of the guides (and every TSDoc example) is its own module, compiled
// in one program against the BUILT package under the settings a user copies; the blocks
// fenced `ts run` are then run as programs, as `npm start` runs the example (swc, metadata).
const root = resolve(import.meta.dirname, "../..");
const out = join(root, "test/.tmp/docs");

/** What a user who wants dependency injection puts in tsconfig.json (the README says so). */
const COMPILER_OPTIONS = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2023"],
  types: ["node"],
  strict: true,
  noUncheckedIndexedAccess: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  skipLibCheck: true,
  noEmit: true,
};

const blocks = [...guideBlocks(root), ...tsdocBlocks(root)].filter((block) => !block.fragment);
const fileOf = new Map<Block, string>(blocks.map((block) => [block, join(out, `${block.where.replace(/[^\w]+/g, "-")}.ts`)]));
const programs = blocks.filter((block) => block.run);

beforeAll(() => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "tsconfig.json"), JSON.stringify({ compilerOptions: COMPILER_OPTIONS }, null, 2));
  // `export {}` makes a block without imports a module too, so blocks never share a scope.
  for (const [block, file] of fileOf) writeFileSync(file, `${block.code}\nexport {};\n`);
});

describe("the TypeScript blocks of README.md, docs/ and the TSDoc examples", () => {
  it("are found", () => {
    expect(blocks.length).toBeGreaterThan(20);
    expect(programs.length).toBeGreaterThan(5);
  });

  it("compile against the built package, strict and with noUncheckedIndexedAccess", () => {
    const { options, errors } = ts.convertCompilerOptionsFromJson(COMPILER_OPTIONS, out);
    expect(errors).toEqual([]);
    const program = ts.createProgram([...fileOf.values()], options);
    const blockOf = new Map([...fileOf].map(([block, file]) => [file, block]));
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      const block = d.file === undefined ? undefined : blockOf.get(resolve(d.file.fileName));
      if (d.file === undefined || block === undefined) return `${d.file?.fileName ?? "(global)"}: TS${d.code} ${message}`;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${block.where.split(":")[0]}:${block.firstLine + line}: TS${d.code} ${message}`;
    });
    expect(problems, `\n${problems.join("\n")}\n`).toEqual([]);
  });

  it.each(programs.map((block) => [block.where, block] as const))("run: %s", async (where, block) => {
    const outcome = await runProgram(fileOf.get(block)!, block);
    expect(outcome.answers, `${where}\n${outcome.output}`).toEqual(block.expectations.map((e) => `${e.method} ${e.path} ${e.status}`));
    expect(outcome.exit, `${where} exited with ${String(outcome.exit)}\n${outcome.output}`).toBe(0);
  });
});

interface Outcome {
  answers: string[];
  exit: number | string | null;
  output: string;
}

/** Runs a program; if it starts a server, asks it the block's requests, then stops it. */
async function runProgram(file: string, block: Block): Promise<Outcome> {
  const child = fork(file, [], {
    cwd: root,
    execArgv: ["--import", "@swc-node/register/esm-register", "--import", pathToFileURL(join(import.meta.dirname, "listen-on-port-zero.ts")).href],
    env: { ...process.env, SWC_NODE_PROJECT: join(out, "tsconfig.json"), NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let stopped = false;
  const exited = new Promise<number | string | null>((done) => child.on("exit", (code, signal) => done(stopped ? 0 : (code ?? signal))));
  const listening = new Promise<number>((done) => child.on("message", (message: { port: number }) => done(message.port)));
  const first = await Promise.race([exited.then((exit) => ({ exit })), listening.then((port) => ({ port }))]);
  if ("exit" in first) return { answers: [], exit: first.exit, output };
  const answers: string[] = [];
  try {
    for (const { method, path, body, status } of block.expectations) {
      const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
      const response = await fetch(`http://127.0.0.1:${first.port}${path}`, { method, body: body ?? null, headers });
      const text = await response.text();
      answers.push(`${method} ${path} ${response.status}`);
      if (response.status !== status) output += `\n${method} ${path} answered ${response.status}: ${text}`;
    }
  } finally {
    stopped = true;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
  return { answers, exit: 0, output };
}
