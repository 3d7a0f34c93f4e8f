import { transformFile } from "@swc/core";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Where the compiled servers go: test/.tmp/runtimes mirrors test/. */
export const outDir = join(root, "test", ".tmp", "runtimes");

const sources = [
  join(root, "test", "adapters", "conformance-app.ts"),
  ...readdirSync(join(root, "test", "runtimes", "servers")).map((name) => join(root, "test", "runtimes", "servers", name)),
];

/**
 * An import of the sources (`../../src/adapters/node/index.js`) becomes the built entry point
 * (`dist/adapters/node/index.js`): the runtimes run the package as a user installs it.
 */
function toBuiltPackage(code: string, from: string): string {
  return code.replace(/from "(\.[^"]*\/src\/[^"]*)"/g, (_, specifier: string) => {
    const built = join(root, "dist", relative(join(root, "src"), resolve(dirname(from), specifier)));
    if (!existsSync(built)) throw new Error(`${built} does not exist: run \`npm run build\` first`);
    return `from "${pathToFileURL(built).href}"`;
  });
}

/**
 * Compiles the conformance app and the server entries with swc, the compiler of the build, so
 * that Bun and Deno run plain JavaScript with the legacy decorators already applied (neither
 * emits decorator metadata itself).
 */
export async function buildServers(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  for (const source of sources) {
    const { code } = await transformFile(source, {
      swcrc: false,
      jsc: {
        target: "es2022",
        parser: { syntax: "typescript", decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
      module: { type: "es6" },
    });
    const out = join(outDir, relative(join(root, "test"), source)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, toBuiltPackage(code, source));
  }
}

/** The compiled server entry test/runtimes/servers/`name`.ts. */
export function serverPath(name: string): string {
  return join(outDir, "runtimes", "servers", `${name}.js`);
}
