import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { transformFile, type Options } from "@swc/core";

const BENCH = fileURLToPath(new URL("./", import.meta.url));
/** Where the compiled servers go; inside the package, so that `import("methodview")` resolves to its dist/. */
export const OUT = join(BENCH, ".out");

const SWC: Options = {
  swcrc: false,
  configFile: false,
  sourceMaps: false,
  jsc: {
    target: "es2022",
    parser: { syntax: "typescript", decorators: true },
    // As tsconfig.json has it: legacy decorators with metadata, which NestJS and routing-controllers read.
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
  module: { type: "es6" },
};

/**
 * Compiles the servers (and the scenarios they import) with swc, once per run, so each
 * starts as plain JavaScript: no loader in the measured process, and a start in a fraction
 * of the time a TypeScript loader takes.
 */
export async function compileServers(): Promise<string> {
  const files = ["scenarios.ts", ...readdirSync(join(BENCH, "servers")).filter((f) => f.endsWith(".ts")).map((f) => `servers/${f}`)];
  await Promise.all(
    files.map(async (file) => {
      const { code } = await transformFile(join(BENCH, file), { ...SWC, filename: file });
      const target = join(OUT, file.replace(/\.ts$/, ".js"));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, code);
    }),
  );
  return join(OUT, "servers");
}
