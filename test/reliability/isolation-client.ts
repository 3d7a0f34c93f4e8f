import { Agent, request } from "node:http";
import { parentPort } from "node:worker_threads";

/** One load run, as the main thread asks for it. */
export interface LoadOrder {
  /** The url of every request; `?id=<tag>-<i>` is appended, and sent as `x-request-id` too. */
  url: string;
  tag: string;
  total: number;
  concurrency: number;
}

export interface LoadResult {
  status: number;
  body: string;
}

export interface LoadRun {
  /** The tag of the order this run answers. */
  tag: string;
  results: LoadResult[];
  /** The most requests the client had outstanding at once. */
  maxOutstanding: number;
  durationMs: number;
}

function get(url: string, id: string, agent: Agent): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}?id=${id}`, { headers: { "x-request-id": id }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Sends `total` GET requests with `concurrency` of them outstanding at all times, over one
 * keep-alive agent with a socket per slot.
 */
async function run({ url, tag, total, concurrency }: LoadOrder): Promise<LoadRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const results = new Array<LoadResult>(total);
  let next = 0;
  let outstanding = 0;
  let maxOutstanding = 0;
  const started = performance.now();
  const slot = async () => {
    while (next < total) {
      const i = next++;
      maxOutstanding = Math.max(maxOutstanding, ++outstanding);
      try {
        results[i] = await get(url, `${tag}-${i}`, agent);
      } catch (error) {
        results[i] = { status: 0, body: String(error) };
      } finally {
        outstanding--;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, total) }, slot));
  } finally {
    agent.destroy();
  }
  return { tag, results, maxOutstanding, durationMs: performance.now() - started };
}

// A worker thread: the client gets its own event loop (and core), so the server's loop is
// the only one the handlers share.
parentPort?.on("message", (order: LoadOrder) => {
  void run(order).then((result) => parentPort?.postMessage(result));
});
