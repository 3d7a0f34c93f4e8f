import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import type { Served } from "../adapters/conformance.js";
import { root } from "./paths.js";

const STARTUP_MS = 20_000;
const live = new Set<ChildProcess>();

// The last resort: a test process that exits for any reason takes its servers with it (and a
// child whose parent was killed outright sees its stdin close: see servers/announce.ts).
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/** Stops `child`: SIGTERM, then SIGKILL if it is still there after 2 s; resolves once it exited. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 2000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Starts `command` (a runtime and a compiled server from build-servers.ts) in the repository
 * root and resolves once it printed the port it listens on. A child that exits or stays quiet
 * for 20 s is killed and the promise rejects with its stderr. `close()` kills it and waits.
 */
export async function startServerChild(command: readonly string[]): Promise<Served> {
  const [file, ...args] = command;
  if (file === undefined) throw new TypeError("startServerChild() expects a command line");
  const child = spawn(file, args, { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  live.add(child);
  child.once("exit", () => live.delete(child));
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = `${stderr}${chunk.toString("utf8")}`.slice(-4000);
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command.join(" ")} did not listen within ${STARTUP_MS} ms:\n${stderr}`)), STARTUP_MS);
      createInterface({ input: child.stdout! }).on("line", (line) => {
        const port = /^listening (\d+)$/.exec(line)?.[1];
        if (port === undefined) return;
        clearTimeout(timer);
        resolve(Number(port));
      });
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${command.join(" ")} exited (${code ?? signal}) before it listened:\n${stderr}`));
      });
    });
    return { url: `http://127.0.0.1:${port}`, close: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw error;
  }
}
