import type { ConformanceTarget } from "../adapters/conformance.js";
import { parseResponses, wireHeader, type Exchange, type WireResponse } from "./hostile-raw-http.js";
import { pathOf, type HostileRequest } from "./hostile-request.js";
import type { NodeVerdict, Oracles } from "./hostile-oracles.js";
import { ALLOWANCES, type AllowanceName } from "./hostile-allowances.js";

/** Something wrong with an answer, before allowances. */
export interface Problem {
  readonly kind: "hang" | "no-answer" | "cut" | "malformed" | "head-body" | "status" | "not-problem" | "echo" | "poison";
  /** The final response concerned, for response problems. */
  readonly response?: WireResponse;
  readonly detail: string;
}

/** The verdict on one exchange: fine, fine thanks to named allowances, or the problems left. */
export type Verdict = { readonly ok: true; readonly allowances: readonly AllowanceName[] } | { readonly ok: false; readonly problems: readonly Problem[] };

const strictDecoder = new TextDecoder("utf-8", { fatal: true });

function strictText(bytes: Buffer): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Whether JSON text has a key `secure-json-parse` refuses: `__proto__`, or `constructor` with a `prototype`. */
function poisoned(text: string): boolean {
  let found = false;
  JSON.parse(text, function reviver(key, value: unknown) {
    if (key === "__proto__") found = true;
    if (key === "constructor" && value !== null && typeof value === "object" && Object.hasOwn(value, "prototype")) found = true;
    return value;
  });
  return found;
}

/** A 4xx must be problem+json whose `status` is the response's; a HEAD answer has the type and no body. */
function problemFault(response: WireResponse, head: boolean): string | undefined {
  const type = wireHeader(response, "content-type") ?? "";
  if (!/^application\/problem\+json\s*(;|$)/i.test(type)) return `content-type ${JSON.stringify(type)}, body ${JSON.stringify(response.body.toString("latin1").slice(0, 120))}`;
  if (head) return response.body.length === 0 ? undefined : "a body in a HEAD answer";
  try {
    const problem = JSON.parse(response.body.toString("utf8")) as Record<string, unknown>;
    if (problem.status !== response.status || typeof problem.title !== "string") return `problem ${response.body.toString("utf8").slice(0, 120)}`;
  } catch {
    return `unparsable problem body ${JSON.stringify(response.body.toString("latin1").slice(0, 120))}`;
  }
  return undefined;
}

/** The charset a request declares on its (last) `Content-Type`, lower-cased; UTF-8 when none. */
function declaredCharset(req: HostileRequest): string {
  const type = [...req.headers].reverse().find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "";
  return /;\s*charset=([^;\s]+)/i.exec(type)?.[1]?.toLowerCase() ?? "utf-8";
}

/** `bytes` decoded strictly by `charset`, or undefined when they are not text of it (or it is unknown). */
function textIn(bytes: Buffer, charset: string): string | undefined {
  if (charset === "utf-8" || charset === "utf8") return strictText(bytes);
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * What a 2xx from an echo route must say: exactly what was sent, read as strict UTF-8 (JSON),
 * or in the charset the request declares (`ctx.text()` decodes it).
 */
function echoFault(req: HostileRequest, response: WireResponse): Problem | undefined {
  const payload = req.payload;
  const route = pathOf(req);
  if (payload === undefined || req.method === "HEAD" || (route !== "/echo" && route !== "/text")) return undefined;
  const sent = route === "/text" ? textIn(payload, declaredCharset(req)) : strictText(payload);
  if (sent === undefined) return { kind: "echo", response, detail: "2xx for a body that is not text of its charset" };
  if (route === "/text") {
    return response.body.toString("utf8") === sent ? undefined : { kind: "echo", response, detail: "the text echo differs from the body" };
  }
  let value: unknown;
  try {
    if (poisoned(sent)) return { kind: "poison", response, detail: "2xx for a body with a __proto__ or constructor.prototype key" };
    value = JSON.parse(sent);
  } catch {
    return { kind: "echo", response, detail: "2xx for a body that is not JSON" };
  }
  const echoed = response.body.toString("utf8");
  return echoed === JSON.stringify({ echo: value }) ? undefined : { kind: "echo", response, detail: `echo ${echoed.slice(0, 120)}` };
}

/** Every way the exchange breaks the contract, with no allowance applied. */
export function strictProblems(req: HostileRequest, exchanged: Exchange): Problem[] {
  const problems: Problem[] = [];
  let answer = exchanged;
  if (req.method === "HEAD" && answer.rest === "malformed") {
    // Read again as if the answer to the HEAD had a body: if that parses, the body is the problem.
    const reread = parseResponses(answer.bytes, false, answer.end !== "timeout");
    if (reread.rest !== "malformed") {
      answer = { ...answer, ...reread };
      problems.push({ kind: "head-body", response: reread.responses[0], detail: "a body in the answer to a HEAD request" });
    }
  }
  const finals = answer.responses.filter((response) => response.status >= 200);
  if (answer.end === "timeout") problems.push({ kind: "hang", detail: `no close within the read timeout (${finals.length} response(s))` });
  else if (finals.length === 0) problems.push({ kind: "no-answer", detail: `the connection ended (${answer.end}) without a response` });
  if (answer.rest === "malformed") problems.push({ kind: "malformed", detail: "bytes that are no HTTP response" });
  if (answer.rest === "incomplete" || answer.responses.some((response) => !response.complete)) problems.push({ kind: "cut", detail: "a response cut short" });
  finals.forEach((response, index) => {
    const { status } = response;
    if (!((status >= 200 && status < 300) || (status >= 400 && status < 500))) {
      problems.push({ kind: "status", response, detail: `status ${status}` });
    } else if (status >= 400) {
      const fault = problemFault(response, index === 0 && req.method === "HEAD");
      if (fault !== undefined) problems.push({ kind: "not-problem", response, detail: `${status}: ${fault}` });
    } else if (index === 0) {
      const fault = echoFault(req, response);
      if (fault !== undefined) problems.push(fault);
    }
  });
  return problems;
}

/** What an allowance may look at; the reference servers are asked lazily, once. */
export interface JudgeContext {
  readonly target: ConformanceTarget;
  readonly req: HostileRequest;
  readonly answer: Exchange;
  nodeVerdict(): Promise<NodeVerdict>;
  fetchRefused(): Promise<boolean>;
}

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= fn());
}

/** Judges one exchange: the strict rules, then the named allowances for what is left. */
export async function judge(target: ConformanceTarget, req: HostileRequest, answer: Exchange, oracles: Oracles): Promise<Verdict> {
  const problems = strictProblems(req, answer);
  if (problems.length === 0) return { ok: true, allowances: [] };
  const context: JudgeContext = {
    target,
    req,
    answer,
    nodeVerdict: memo(() => oracles.node(req)),
    fetchRefused: memo(() => oracles.fetchRefused(req)),
  };
  const used: AllowanceName[] = [];
  const left: Problem[] = [];
  for (const problem of problems) {
    let excused: AllowanceName | undefined;
    for (const allowance of ALLOWANCES) {
      if (await allowance.excuses(problem, context)) {
        excused = allowance.name;
        break;
      }
    }
    if (excused === undefined) left.push(problem);
    else if (!used.includes(excused)) used.push(excused);
  }
  return left.length === 0 ? { ok: true, allowances: used } : { ok: false, problems: left };
}
