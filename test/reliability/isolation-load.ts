import { Worker } from "node:worker_threads";
import type { LoadOrder, LoadRun } from "./isolation-client.js";

export type { LoadRun } from "./isolation-client.js";

/** A load client in a worker thread (see isolation-client.ts), for one run at a time. */
export class LoadClient {
  private constructor(private readonly worker: Worker) {}

  static start(): LoadClient {
    const worker = new Worker(new URL("./isolation-client.ts", import.meta.url), {
      execArgv: ["--import", "@swc-node/register/esm-register"],
    });
    return new LoadClient(worker);
  }

  /** Runs one order; a result left over from an earlier run (a test that timed out) is ignored. */
  run(order: LoadOrder): Promise<LoadRun> {
    return new Promise((resolve, reject) => {
      const onResult = (result: LoadRun) => {
        if (result.tag !== order.tag) return;
        this.worker.off("message", onResult).off("error", reject);
        resolve(result);
      };
      this.worker.on("message", onResult).once("error", reject);
      this.worker.postMessage(order);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
