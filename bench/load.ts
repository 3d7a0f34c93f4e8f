import { isDeepStrictEqual } from "node:util";
import autocannon from "autocannon";
import { median } from "./machine.js";
import type { Scenario } from "./scenarios.js";

/** The load of the issue: 50 connections, 10 requests in flight on each. */
export const CONNECTIONS = 50;
export const PIPELINING = 10;

/** One measured run. */
export interface Measurement {
  readonly rps: number;
  readonly seconds: number;
  /** Latency percentiles in ms. */
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** The server process's CPU time (user + system) over the run, in µs. */
  readonly cpuMicros: number;
}

/** Checks one answer; returns what is wrong, or undefined when status, headers and body are right. */
export async function checkAnswer(origin: string, scenario: Scenario): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(origin + scenario.path, { method: scenario.method, headers: scenario.headers, body: scenario.body });
  } catch (error) {
    return `request failed: ${(error as Error).message}`;
  }
  const text = await response.text();
  const { status, json, headers = {} } = scenario.expect;
  if (response.status !== status) return `status ${response.status}, expected ${status}: ${text.slice(0, 200)}`;
  if (!(response.headers.get("content-type") ?? "").startsWith("application/json")) {
    return `content-type ${response.headers.get("content-type")}, expected application/json`;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (response.headers.get(name) !== value) return `header ${name}: ${response.headers.get(name)}, expected ${value}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `body is not JSON: ${text.slice(0, 200)}`;
  }
  return isDeepStrictEqual(body, json) ? undefined : `body ${text.slice(0, 200)}, expected ${JSON.stringify(json)}`;
}

/** Loads `origin` with `scenario` for `seconds` with autocannon. */
export async function runLoad(origin: string, scenario: Scenario, seconds: number): Promise<Measurement> {
  const result = await autocannon({
    url: origin + scenario.path,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    connections: CONNECTIONS,
    pipelining: PIPELINING,
    duration: seconds,
    // autocannon stops at a sample tick: sample often enough for a run shorter than a second.
    sampleInt: seconds < 2 ? 100 : 1000,
  });
  return {
    rps: result.requests.total / result.duration,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    cpuMicros: 0,
  };
}

/** Slices of one run as one measurement: req/s over their whole time, latency the median of theirs. */
export function combine(slices: readonly Measurement[]): Measurement {
  const sum = (f: (m: Measurement) => number) => slices.reduce((n, m) => n + f(m), 0);
  const mid = (f: (m: Measurement) => number) => median(slices.map(f));
  return {
    rps: sum((m) => m.requests) / sum((m) => m.seconds),
    seconds: sum((m) => m.seconds),
    p50: mid((m) => m.p50),
    p99: mid((m) => m.p99),
    requests: sum((m) => m.requests),
    non2xx: sum((m) => m.non2xx),
    errors: sum((m) => m.errors),
    timeouts: sum((m) => m.timeouts),
    cpuMicros: sum((m) => m.cpuMicros),
  };
}

/** Server CPU time per request, in µs. */
export function cpuPerRequest(m: Measurement): number {
  return m.cpuMicros / m.requests;
}

/** Why a run does not count, or undefined when every response was 2xx. */
export function failureOf(m: Measurement): string | undefined {
  if (m.requests === 0) return "no response";
  const parts = [m.non2xx && `${m.non2xx} non-2xx`, m.errors && `${m.errors} errors`, m.timeouts && `${m.timeouts} timeouts`].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : undefined;
}
