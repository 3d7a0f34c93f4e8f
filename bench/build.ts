import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Options } from "tsup";
import config from "../tsup.config.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether dist/ holds every entry whose source exists, built after the last change to src/. */
function distIsFresh(entries: Record<string, string>): boolean {
  const outputs = Object.keys(entries).map((name) => join(ROOT, "dist", `${name}.js`));
  if (!outputs.every((file) => existsSync(file))) return false;
  return Math.min(...outputs.map((file) => statSync(file).mtimeMs)) >= newestIn(join(ROOT, "src"));
}

/**
 * Builds dist/ so that the methodview servers measure what users get.
 * `full`: `npm run build` (tsup + publint), or, while some adapter's source is still missing,
 * tsup on the entries that exist. `quick`: only when dist/ is stale, and without type
 * declarations (the JavaScript is the same). Returns the entries left out.
 */
export async function buildPackage(mode: "full" | "quick"): Promise<string[]> {
  if (typeof config === "function" || Array.isArray(config)) throw new Error("bench: tsup.config.ts must export one options object");
  const options = config as Options;
  const all = options.entry as Record<string, string>;
  const present = Object.fromEntries(Object.entries(all).filter(([, source]) => existsSync(join(ROOT, source))));
  const missing = Object.keys(all).filter((name) => !(name in present));
  if (mode === "full" && missing.length === 0) {
    const { status } = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    if (status !== 0) throw new Error("bench: npm run build failed");
    return missing;
  }
  if (mode === "quick" && distIsFresh(present)) return missing;
  await build({ ...options, config: false, entry: present, dts: mode === "full", silent: true });
  return missing;
}
