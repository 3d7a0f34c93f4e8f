import { differences, sideBySide } from "./differential-answer.js";
import type { CaseVerdict } from "./differential-judge.js";
import { wireBytes, type HostileRequest } from "./hostile-request.js";

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max)}…(${text.length} bytes)`);

/** The raw request as written to a target mounted at the root, escaped, the body clipped. */
export function rawRequest(req: HostileRequest): string {
  const pieces = wireBytes(req, "").map((piece) => JSON.stringify(clip(piece.toString("latin1"), 600)));
  return pieces.length === 1 ? pieces[0]! : `${pieces.join(" + ")} (${pieces.length} writes)`;
}

/** A failure report: the raw request, its kinds, and every target's answer side by side. */
export function describeCase(req: HostileRequest, verdict: CaseVerdict): string {
  const rows = verdict.targets.map(({ target, answer, unexcused, allowances }) => ({
    target: target.name,
    answer,
    marks: [...unexcused, ...allowances.map((name) => `allowed: ${name}`)],
  }));
  return [
    "the targets disagree on this request (origin-form targets are put under each target's mount prefix):",
    `  ${rawRequest(req)}${req.truncated ? " then a half-close" : ""}`,
    `input kinds: ${[...verdict.kinds].join(", ") || "none"}`,
    "answers (the reference is the most common answer where the App answers every path):",
    sideBySide(rows),
  ].join("\n");
}

/** What a disagreement is, without the request: which targets differ in which fields, and how. */
export function signature(verdict: CaseVerdict): string {
  return verdict.targets
    .filter(({ unexcused }) => unexcused.length > 0)
    .map(({ target, answer, unexcused }) => `${target.name}: ${unexcused.join(", ")} (${differences(answer, verdict.reference).map((field) => `${field} ${field === "body" ? "" : `${verdict.reference[field]}→${answer[field]}`}`).join(" ")})`)
    .join("; ");
}
