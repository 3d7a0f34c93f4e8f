import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The repository root: the built package is reached from here by its own name. */
export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Writes `source` to test/.tmp/`name` (inside the package, so `methodview` self-resolves) and runs it with node. */
export async function runScript(name: string, source: string): Promise<string> {
  const file = join(root, "test", ".tmp", name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  const { stdout } = await run(process.execPath, [file], { cwd: root, timeout: 20_000 });
  return stdout.trim();
}
