import { inject } from "vitest";
import type { ConformanceTarget } from "../adapters/conformance.js";
import { serverPath } from "./paths.js";
import { startServerChild } from "./server-child.js";

const { bun, deno } = inject("runtimes");

/** The command line that runs the compiled `script` on `runtime` (node is this process's own). */
export function runtimeCommand(runtime: "node" | "bun" | "deno", script: string): string[] {
  if (runtime === "node") return [process.execPath, script];
  if (runtime === "bun") return [bun.bin, script];
  // Deno's permissions: the loopback interface, the compiled files and node_modules, nothing else.
  return [deno.bin, "run", "--no-lock", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", script];
}

/**
 * A target whose server is a child process on another runtime. It serves its own copy of the
 * conformance app (compiled by build-servers.ts against dist/); the `app` the suite built stays
 * idle, and every case reads what it checks over HTTP.
 */
function child(name: string, runtime: "bun" | "deno", server: string): ConformanceTarget {
  return { name, notFound: "app", serve: () => startServerChild(runtimeCommand(runtime, serverPath(server))) };
}

/** The conformance targets on Bun and Deno: their own servers, and methodview/node on their node:http. */
export const runtimeTargets: readonly ConformanceTarget[] = [
  child(`Bun.serve(app.fetch) on Bun ${bun.version}`, "bun", "bun-serve"),
  child(`Deno.serve(app.fetch) on Deno ${deno.version}`, "deno", "deno-serve"),
  child(`methodview/node on Bun ${bun.version} (node:http)`, "bun", "node-http-serve"),
  child(`methodview/node on Deno ${deno.version} (node:http)`, "deno", "node-http-serve"),
];
