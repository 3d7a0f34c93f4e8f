import { transformFile } from "@swc/core";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { outDir, root } from "./paths.js";

const src = join(root, "src");
const test = join(root, "test");
const servers = join(test, "runtimes", "servers");
// `from "./x.js"` and `import "./x.js"`: the relative imports of a compiled module.
const RELATIVE_IMPORT = /((?:from|import) ")(\.\.?\/[^"]+)(")/g;

/**
 * Compiles `source` with swc, the compiler of the build (legacy decorators, metadata), so that
 * Bun and Deno run plain JavaScript with the decorators applied: neither emits decorator
 * metadata itself. An import of the sources (`../../src/adapters/node/index.js`) becomes the
 * built entry point (`dist/adapters/node/index.js`): the runtimes run the package as a user
 * installs it. Returns the test files it imports, to compile next.
 */
async function compile(source: string): Promise<string[]> {
  const { code } = await transformFile(source, {
    swcrc: false,
    jsc: {
      target: "es2022",
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: "es6" },
  });
  const imported: string[] = [];
  const rewritten = code.replace(RELATIVE_IMPORT, (_, head: string, specifier: string, tail: string) => {
    const target = resolve(dirname(source), specifier);
    if (!target.startsWith(`${src}/`)) {
      imported.push(target.replace(/\.js$/, ".ts"));
      return `${head}${specifier}${tail}`;
    }
    const built = join(root, "dist", relative(src, target));
    if (!existsSync(built)) throw new Error(`${built} does not exist: run \`npm run build\` first`);
    return `${head}${pathToFileURL(built).href}${tail}`;
  });
  const out = join(outDir, relative(test, source)).replace(/\.ts$/, ".js");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, rewritten);
  return imported;
}

/** Compiles the server entries of test/runtimes/servers/ and every test file they import into test/.tmp/runtimes. */
export async function buildServers(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  const pending = readdirSync(servers).map((name) => join(servers, name));
  const done = new Set<string>();
  for (let source = pending.pop(); source !== undefined; source = pending.pop()) {
    if (done.has(source)) continue;
    done.add(source);
    pending.push(...(await compile(source)));
  }
}
