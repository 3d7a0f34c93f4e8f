import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { buildServers } from "./build-servers.js";
import { root } from "./paths.js";

/** A runtime binary the suite starts servers with. */
export interface RuntimeBinary {
  bin: string;
  version: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    runtimes: { bun: RuntimeBinary; deno: RuntimeBinary };
  }
}

/** The binary of `name`, installed by .ci/install from the version pinned in .ci/versions. */
function install(name: "bun" | "deno"): RuntimeBinary {
  const bin = execFileSync("bash", [".ci/install", name], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  // `1.4.5` from Bun, `deno 2.9.6 (stable, release, ...)` and more lines from Deno.
  const version = /\d+\.\d+\.\d+/.exec(execFileSync(bin, ["--version"], { encoding: "utf8" }))?.[0] ?? "unknown";
  return { bin, version };
}

/** Installs Bun and Deno (cached under .ci/.runtimes) and compiles the servers they run, once per run. */
export default async function setup(project: TestProject): Promise<void> {
  const runtimes = { bun: install("bun"), deno: install("deno") };
  await buildServers();
  project.provide("runtimes", runtimes);
}
