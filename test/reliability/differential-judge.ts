import type { ConformanceTarget } from "../adapters/conformance.js";
import { allowanceFor } from "./differential-allowances.js";
import { differences, faults, type Answer } from "./differential-answer.js";
import { refusedByNode, requestKinds, unmatched, type InputKind } from "./differential-kinds.js";
import type { NodeVerdict } from "./hostile-oracles.js";
import type { HostileRequest } from "./hostile-request.js";

/** One target's part of a case: its answer, what no allowance covers, and the allowances used. */
export interface TargetVerdict {
  readonly target: ConformanceTarget;
  readonly answer: Answer;
  readonly unexcused: readonly string[];
  readonly allowances: readonly string[];
}

/** The verdict on one request sent to every target. */
export interface CaseVerdict {
  readonly reference: Answer;
  readonly kinds: ReadonlySet<InputKind>;
  readonly targets: readonly TargetVerdict[];
  readonly ok: boolean;
}

const keyOf = (answer: Answer) => JSON.stringify(answer);

/**
 * The answer the others are compared with: the most common one among the targets where the App
 * answers every path (`notFound: "app"`), the first of them on a tie; among all targets when
 * there is none.
 */
export function referenceAnswer(targets: readonly ConformanceTarget[], answers: readonly Answer[]): Answer {
  const app = answers.filter((_, i) => targets[i]!.notFound === "app");
  const pool = app.length > 0 ? app : answers;
  const counts = new Map<string, number>();
  for (const answer of pool) counts.set(keyOf(answer), (counts.get(keyOf(answer)) ?? 0) + 1);
  return pool.reduce((best, answer) => (counts.get(keyOf(answer))! > counts.get(keyOf(best))! ? answer : best));
}

/**
 * Compares the answers of every target to one request: each field that differs from the
 * reference must be covered by an allowance row, and no answer may have a fault of its own.
 * `nodeVerdict` asks the node oracle, only when some field differs.
 */
export async function judgeCase(req: HostileRequest, targets: readonly ConformanceTarget[], answers: readonly Answer[], nodeVerdict: () => Promise<NodeVerdict>): Promise<CaseVerdict> {
  const reference = referenceAnswer(targets, answers);
  const kinds = requestKinds(req);
  if (unmatched(reference)) kinds.add("unmatched");
  if (answers.some((answer) => differences(answer, reference).length > 0) && refusedByNode(await nodeVerdict())) kinds.add("refused-by-node");
  const verdicts = answers.map((answer, i): TargetVerdict => {
    const target = targets[i]!;
    const unexcused = faults(answer, req.lie);
    const allowances = new Set<string>();
    for (const field of differences(answer, reference)) {
      const allowance = allowanceFor(target, field, kinds);
      if (allowance === undefined) unexcused.push(`${field} differs`);
      else allowances.add(allowance.name);
    }
    return { target, answer, unexcused, allowances: [...allowances] };
  });
  return { reference, kinds, targets: verdicts, ok: verdicts.every((verdict) => verdict.unexcused.length === 0) };
}
