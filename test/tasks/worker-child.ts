import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./worker-process.ts", import.meta.url));

/** A worker process (test/tasks/worker-process.ts), started and ready to take jobs. */
export class WorkerChild {
  private constructor(private readonly child: ChildProcess) {}

  get pid(): number {
    return this.child.pid!;
  }

  static async start(env: Record<string, string>): Promise<WorkerChild> {
    const child = spawn(process.execPath, ["--import", "@swc-node/register/esm-register", script], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
      child.once("exit", (code) => reject(new Error(`the worker exited (${code}) before it was ready: ${err.trim()}`)));
    });
    return new WorkerChild(child);
  }

  /** Sends `signal`; resolves with the exit code once the process is gone. */
  async kill(signal: NodeJS.Signals): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    const exited = once(this.child, "exit") as Promise<[number | null]>;
    this.child.kill(signal);
    return (await exited)[0];
  }
}
