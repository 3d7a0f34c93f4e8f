import { fork, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { Agent, request } from "node:http";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import type { CloseReport } from "../../src/index.js";
import { SOAK_CASES, type SoakCounters } from "./soak-app.js";
import type { HeapSample, SoakCommand } from "./soak-server.js";

/** How a soak runs and what it must show. */
export interface SoakPlan {
  requests: number;
  /** Requests between two heap samples; the first interval is the warm-up. */
  interval: number;
  concurrency: number;
  /** The heap after the last interval may exceed the heap after warm-up by max(bytes, fraction). */
  bound: { bytes: number; fraction: number };
  /** Where the figures go, under test/reliability/.last-run/. */
  figures: string;
}

export interface SoakPoint extends HeapSample {
  requests: number;
}

export interface SoakFigures {
  date: string;
  node: string;
  cpus: number;
  plan: SoakPlan;
  durationMs: number;
  requestsPerSecond: number;
  /** Requests per case of the mix. */
  mix: Record<string, number>;
  /** Responses whose status was not the one their case expects. */
  wrongStatus: number;
  series: SoakPoint[];
  warmUp: number;
  end: number;
  growth: number;
  allowed: number;
  bytesPerRequest: number;
  passed: boolean;
  /** What the App counted, and what it should have counted for the mix sent. */
  counters: SoakCounters;
  expectedCounters: SoakCounters;
  closeReport: CloseReport;
}

const MB = 1024 * 1024;

/** The soak server, forked with --expose-gc and an IPC channel. */
class SoakServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly exit: Promise<number | null>,
  ) {}

  static async start(): Promise<SoakServer> {
    const child = fork(fileURLToPath(new URL("./soak-server.ts", import.meta.url)), [], {
      cwd: fileURLToPath(new URL("../../", import.meta.url)),
      execArgv: ["--import", "@swc-node/register/esm-register", "--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.once("message", (message: { url: string }) => resolve(message.url));
      void exit.then((code) => reject(new Error(`the soak server ended (${code}) before listening`)));
    });
    return new SoakServer(child, url, exit);
  }

  ask<T>(command: SoakCommand): Promise<T> {
    return new Promise((resolve) => {
      this.child.once("message", (message: T) => resolve(message));
      this.child.send(command);
    });
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}

function send(url: string, method: string, body: string | undefined, agent: Agent): Promise<number> {
  return new Promise((resolve) => {
    const headers = body === undefined ? {} : { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
    const req = request(url, { method, agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

/** Sends requests `from` to `to` (exclusive) of the mix, `concurrency` at a time; returns how many got a wrong status. */
async function batch(url: string, from: number, to: number, concurrency: number, agent: Agent, mix: Record<string, number>): Promise<number> {
  let next = from;
  let wrong = 0;
  const slot = async () => {
    while (next < to) {
      const i = next++;
      const kase = SOAK_CASES[i % SOAK_CASES.length]!;
      mix[kase.name] = (mix[kase.name] ?? 0) + 1;
      const body = kase.method === "POST" ? JSON.stringify({ i, tags: ["soak", String(i)] }) : undefined;
      const status = await send(`${url}${kase.path}`, kase.method, body, agent);
      if (status !== kase.status) wrong++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, slot));
  return wrong;
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(2)} MB`;

/** Every unknown error logged once; two background tasks per background request, all done; the failing ones reported. */
function expectedCounters(mix: Record<string, number>): SoakCounters {
  const background = 2 * ((mix["background task"] ?? 0) + (mix["failing background task"] ?? 0));
  return {
    loggedErrors: (mix["unknown error thrown"] ?? 0) + (mix["unknown error rejected"] ?? 0),
    backgroundStarted: background,
    backgroundDone: background,
    backgroundErrors: mix["failing background task"] ?? 0,
  };
}

/** Resolves with the exit code, or rejects when the process is still running after `ms`. */
async function exitWithin(exit: Promise<number | null>, ms: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the soak server did not end by itself within ${ms} ms of close()`)), ms);
  });
  try {
    return await Promise.race([exit, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the soak: a server in its own process, the mix sent in intervals, the heap sampled
 * after a forced GC at the start and after every interval. Prints the series, writes the
 * figures, and returns them; `passed` says whether the heap stayed within the bound.
 */
export async function runSoak(plan: SoakPlan, log: (line: string) => void = console.log): Promise<SoakFigures> {
  const server = await SoakServer.start();
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const mix: Record<string, number> = {};
  const series: SoakPoint[] = [];
  let wrongStatus = 0;
  const started = performance.now();
  try {
    const sample = async (requests: number) => {
      const { sample } = await server.ask<{ sample: HeapSample }>({ cmd: "heap" });
      series.push({ requests, ...sample });
      log(`soak: ${String(requests).padStart(7)} requests, heap after GC ${mb(sample.heapUsed)}, rss ${mb(sample.rss)}`);
    };
    await sample(0);
    for (let done = 0; done < plan.requests; ) {
      const to = Math.min(plan.requests, done + plan.interval);
      wrongStatus += await batch(server.url, done, to, plan.concurrency, agent, mix);
      done = to;
      await sample(done);
    }
    const durationMs = performance.now() - started;
    agent.destroy();
    const { report, counters } = await server.ask<{ report: CloseReport; counters: SoakCounters }>({ cmd: "close" });
    const exitCode = await exitWithin(server.exit, 10_000);
    if (exitCode !== 0) throw new Error(`the soak server exited with ${exitCode}`);

    const warmUp = series[1]!.heapUsed;
    const end = series.at(-1)!.heapUsed;
    const growth = end - warmUp;
    const allowed = Math.max(plan.bound.bytes, plan.bound.fraction * warmUp);
    const figures: SoakFigures = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      plan,
      durationMs: Math.round(durationMs),
      requestsPerSecond: Math.round((plan.requests / durationMs) * 1000),
      mix,
      wrongStatus,
      series,
      warmUp,
      end,
      growth,
      allowed,
      bytesPerRequest: Math.round((growth / (plan.requests - plan.interval)) * 100) / 100,
      passed: growth <= allowed,
      counters,
      expectedCounters: expectedCounters(mix),
      closeReport: report,
    };
    log(
      `soak: ${plan.requests} requests in ${(durationMs / 1000).toFixed(1)} s; heap after warm-up ${mb(warmUp)}, at the end ${mb(end)}, ` +
        `growth ${mb(growth)} (allowed ${mb(allowed)}, ${figures.bytesPerRequest} B/request): ${figures.passed ? "no growth beyond noise" : "GROWTH"}`,
    );
    const folder = new URL("./.last-run/", import.meta.url);
    await mkdir(folder, { recursive: true });
    await writeFile(new URL(plan.figures, folder), `${JSON.stringify(figures, null, 2)}\n`);
    return figures;
  } finally {
    agent.destroy();
    server.kill();
  }
}
