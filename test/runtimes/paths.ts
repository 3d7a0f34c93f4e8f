import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Where build-servers.ts writes the compiled servers: test/.tmp/runtimes mirrors test/. */
export const outDir = join(root, "test", ".tmp", "runtimes");

/** The compiled server entry test/runtimes/servers/`name`.ts. */
export function serverPath(name: string): string {
  return join(outDir, "runtimes", "servers", `${name}.js`);
}
