// The server side of the memory soak, forked by soak-driver.ts with --expose-gc and an IPC
// channel. It serves the soak App on app.listen() and answers two messages:
//   { cmd: "heap" }  waits for the background work to settle, collects garbage, sends the heap
//   { cmd: "close" } closes the App, sends the report and the counters, then lets go of the
//                    channel so that the process ends by itself
import { soakApp } from "./soak-app.js";

export type SoakCommand = { cmd: "heap" } | { cmd: "close" };

export interface HeapSample {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  rss: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("soak-server.ts needs node --expose-gc");
const collect = gc;
const send = (message: unknown) => process.send!(message);
const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

const { app, counters } = soakApp();
const server = await app.listen({ port: 0 });

async function heap(): Promise<HeapSample> {
  for (let i = 0; i < 200 && counters.backgroundDone < counters.backgroundStarted; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // Several rounds: a collection can free what only becomes garbage after the previous one.
  for (let i = 0; i < 4; i++) {
    collect();
    await macrotask();
  }
  const { heapUsed, heapTotal, external, arrayBuffers, rss } = process.memoryUsage();
  return { heapUsed, heapTotal, external, arrayBuffers, rss };
}

process.on("message", (message: SoakCommand) => {
  if (message.cmd === "heap") {
    void heap().then((sample) => send({ event: "heap", sample, counters }));
  } else if (message.cmd === "close") {
    void server.close().then((report) => {
      send({ event: "closed", report, counters });
      process.disconnect();
    });
  }
});
send({ event: "listening", url: server.url });
