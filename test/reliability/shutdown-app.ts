import { App } from "../../src/index.js";

/** How the shutdown scenario is sized. */
export const SHUTDOWN = {
  /** Requests held inside their handlers when `close()` is called. */
  inFlight: 200,
  /** The App's `shutdownTimeout`, in ms. */
  shutdownTimeout: 1500,
  /** How long the background task that finishes in time runs. */
  inTimeTaskMs: 300,
  /** How long the task that misses the deadline runs: 1 s past `shutdownTimeout`. */
  lateTaskMs: 2500,
} as const;

/** What the background work of the scenario has done so far. */
export interface ShutdownTasks {
  /** Short tasks, one per gated request. */
  quick: number;
  inTime: boolean;
  late: boolean;
}

export interface ShutdownScenario {
  app: App;
  /** Settles once `SHUTDOWN.inFlight` requests are waiting inside `GET /gated/:id`. */
  allIn: Promise<void>;
  /** How many requests are inside the gated handler now. */
  inHandler(): number;
  /** Lets the gated handlers answer. */
  release(): void;
  tasks: ShutdownTasks;
  /** What the App logged with `logger.warn` (close() warns about what it left running). */
  warnings: string[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An App for the shutdown scenario: `GET /gated/:id` waits for `release()`, then answers
 * `done <id>` and starts a short background task; request 0 also starts a task that ends in
 * time and request 1 one that ends after `shutdownTimeout`. `GET /ping` answers at once.
 */
export function shutdownScenario(): ShutdownScenario {
  const warnings: string[] = [];
  const logger = { error: (message: string, error?: unknown) => console.error(message, error), warn: (message: string) => void warnings.push(message) };
  const app = new App({ shutdownTimeout: SHUTDOWN.shutdownTimeout, logger });
  const tasks: ShutdownTasks = { quick: 0, inTime: false, late: false };
  let inHandler = 0;
  let allIn!: () => void;
  let release!: () => void;
  const allInPromise = new Promise<void>((resolve) => (allIn = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));

  app.route("/ping", () => "pong");
  app.route("/gated/:id", async (ctx) => {
    if (++inHandler === SHUTDOWN.inFlight) allIn();
    try {
      await gate;
    } finally {
      inHandler--;
    }
    const id = ctx.params.id;
    app.addBackgroundTask(async () => {
      await sleep(Math.floor(Math.random() * 20));
      tasks.quick++;
    });
    if (id === "0") {
      app.addBackgroundTask(async () => {
        await sleep(SHUTDOWN.inTimeTaskMs);
        tasks.inTime = true;
      });
    }
    if (id === "1") {
      app.addBackgroundTask(async () => {
        await sleep(SHUTDOWN.lateTaskMs);
        tasks.late = true;
      });
    }
    return `done ${id}`;
  });
  return { app, allIn: allInPromise, inHandler: () => inHandler, release, tasks, warnings };
}
