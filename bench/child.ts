import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import type { ServerSpec } from "./registry.js";

const STARTUP_TIMEOUT = 30_000;

/** Whether `taskset` can pin processes (Linux with util-linux). */
export const hasTaskset = spawnSync("taskset", ["-V"], { stdio: "ignore" }).status === 0;

/** Pins every thread of this process (the load generator) to `core`. */
export function pinSelf(core: number): boolean {
  if (!hasTaskset) return false;
  return spawnSync("taskset", ["-a", "-cp", String(core), String(process.pid)], { stdio: "ignore" }).status === 0;
}

export type Started =
  | {
      readonly kind: "listening";
      readonly port: number;
      /** What the server said on stderr, and whether it died: for the reason of a failed run. */
      diagnose(): string | undefined;
      /** The server's CPU time so far (user + system), in µs, as it reports it. */
      cpuMicros(): Promise<number>;
      /** Sends `message` over IPC and resolves with the server's reply. */
      ask<T>(message: string): Promise<T>;
      stop(): Promise<void>;
    }
  | { readonly kind: "unavailable"; readonly reason: string }
  | { readonly kind: "failed"; readonly reason: string };

/**
 * Starts one bench server in its own process, from the directory `compileServers()` wrote,
 * on `core` when taskset exists, and waits for its first line.
 */
export async function startServer(
  spec: ServerSpec,
  options: { dir: string; hooks: boolean; core: number | undefined; nodeArgs?: readonly string[]; node?: string },
): Promise<Started> {
  const execPath = options.node ?? process.execPath;
  const node = [...(options.nodeArgs ?? []), join(options.dir, spec.file.replace(/\.ts$/, ".js"))];
  const [command, args] = options.core !== undefined && hasTaskset ? ["taskset", ["-c", String(options.core), execPath, ...node]] : [execPath, node];
  const child = spawn(command, args, {
    env: { ...process.env, ...spec.env, PORT: "0", HOOKS: options.hooks ? "1" : "0", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await firstLine(child);
  const listening = /^listening (\d+)/.exec(line ?? "");
  if (listening) {
    const diagnose = () => {
      const died = child.exitCode !== null || child.signalCode !== null ? `server exited (${child.exitCode ?? child.signalCode})` : "";
      const tail = stderr.trim().split("\n").slice(-6).join("\n");
      return [died, tail].filter(Boolean).join(": ") || undefined;
    };
    return { kind: "listening", port: Number(listening[1]), diagnose, cpuMicros: async () => Number((await ask<{ cpu: number }>(child, "cpu")).cpu), ask: (message) => ask(child, message), stop: () => stop(child) };
  }
  await stop(child);
  if (line?.startsWith("unavailable ")) return { kind: "unavailable", reason: line.slice("unavailable ".length) };
  return { kind: "failed", reason: (line ?? "no output") + (stderr ? `\n${stderr.trim().split("\n").slice(0, 8).join("\n")}` : "") };
}

/** Asks the server over IPC (`"cpu"`: its own `process.cpuUsage()`, µs, its process only). */
function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not answer "${message}"`)), 5000);
    child.once("message", (reply: T) => {
      clearTimeout(timer);
      resolve(reply);
    });
    child.send(message);
  });
}

function firstLine(child: ChildProcess): Promise<string | undefined> {
  return new Promise((resolve) => {
    let out = "";
    const timer = setTimeout(() => resolve(undefined), STARTUP_TIMEOUT);
    const done = (line: string | undefined) => {
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.stdout!.resume(); // keep draining whatever the server prints later
      resolve(line);
    };
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf("\n");
      if (end !== -1) done(out.slice(0, end).trim());
    };
    child.stdout!.on("data", onData);
    child.once("close", () => done(out.trim() || undefined));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(timer);
}
