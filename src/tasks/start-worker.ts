import type { App } from "../app/app.js";
import { queueOf, type TaskQueue } from "./task-queue.js";

/**
 * Starts taking jobs for `app`'s task queue in this process, and closes the App (active
 * jobs first, within `shutdownTimeout`) on SIGTERM or SIGINT. What a worker process runs;
 * `methodview worker ./app` calls it.
 *
 * @example
 * ```ts fragment
 * import { startWorker } from "methodview/tasks";
 * import { app } from "./app.js";
 * await startWorker(app);
 * ```
 */
export async function startWorker(app: App, options: { signals?: boolean } = {}): Promise<TaskQueue> {
  const queue = queueOf(app);
  if (queue === undefined) throw new TypeError("startWorker(app): this App has no task queue; make one with new TaskQueue(app, options)");
  await queue.startWorker();
  if (options.signals ?? true) {
    const stop = () => void app.close().then(() => process.exit(0));
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  }
  return queue;
}
