import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** One line the child printed. */
export type ChildEvent = { event: string } & Record<string, unknown>;

/**
 * A TypeScript script run as its own node process, the way `npm start` runs the example
 * (`node --import @swc-node/register/esm-register`), that reports JSON lines on stdout.
 */
export class ScriptProcess {
  readonly child: ChildProcess;
  readonly events: ChildEvent[] = [];
  stderr = "";
  /** Settles when the process ends, with its exit code or signal. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: { name: string; resolve: (event: ChildEvent) => void }[] = [];

  constructor(script: URL, execArgv: string[] = []) {
    const root = fileURLToPath(new URL("../../", import.meta.url));
    // From Node 26, the loader's `module.register()` call warns (DEP0205): a warning about the
    // test's loader, not the app, whose stderr must stay empty.
    const loader = ["--import", "@swc-node/register/esm-register", "--disable-warning=DEP0205"];
    this.child = spawn(process.execPath, [...loader, ...execArgv, fileURLToPath(script)], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stderr!.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    createInterface({ input: this.child.stdout! }).on("line", (line) => {
      const event = JSON.parse(line) as ChildEvent;
      this.events.push(event);
      for (const waiter of this.waiters.filter((w) => w.name === event.event)) waiter.resolve(event);
      this.waiters = this.waiters.filter((w) => w.name !== event.event);
    });
    this.exit = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  /** The first event named `name`, printed already or to come; rejects if the process ends first. */
  next(name: string): Promise<ChildEvent> {
    const seen = this.events.find((event) => event.event === name);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.waiters.push({ name, resolve });
      void this.exit.then(({ code, signal }) => reject(new Error(`the child ended (${code ?? signal}) before "${name}": ${this.stderr}`)));
    });
  }

  /** Ends the process if it still runs (after a failed test). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }
}
