import { transformSync, type Options } from "@swc/core";
import { fork } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { guideBlocks, tsdocBlocks, type Block } from "./blocks.js";

// Every TypeScript block of the guides (and every TSDoc example) is its own module, compiled
// in one program against the BUILT package under the settings a user copies; the blocks
// fenced `ts run` are then compiled by swc with decorator metadata, as `npm start` and the
// build compile, and run as programs.
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
const preload = join(out, "listen-on-port-zero.mjs");

const SWC: Options = {
  jsc: {
    parser: { syntax: "typescript", decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: "es2022",
  },
  module: { type: "es6" },
};
const compiled = (file: string) => file.replace(/\.ts$/, ".mjs");

beforeAll(() => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "tsconfig.json"), JSON.stringify({ compilerOptions: COMPILER_OPTIONS }, null, 2));
  // `export {}` makes a block without imports a module too, so blocks never share a scope.
  for (const [block, file] of fileOf) {
    writeFileSync(file, `${block.code}\nexport {};\n`);
    if (block.run) writeFileSync(compiled(file), transformSync(block.code, SWC).code);
  }
  const hook = readFileSync(join(import.meta.dirname, "listen-on-port-zero.ts"), "utf8");
  writeFileSync(preload, transformSync(hook, SWC).code);
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
    const outcome = await runProgram(compiled(fileOf.get(block)!), block);
    const expected = block.expectations.map((e) => `${e.method} ${e.path} ${e.status}`);
    expect(outcome.answers.join("\n"), `${where}\n${outcome.output}`).toBe(expected.join("\n"));
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
    execArgv: ["--import", pathToFileURL(preload).href],
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
