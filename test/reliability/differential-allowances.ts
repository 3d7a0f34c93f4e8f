import type { ConformanceTarget } from "../adapters/conformance.js";
import type { Field } from "./differential-answer.js";
import type { InputKind } from "./differential-kinds.js";

/**
 * One documented difference between hosts: which fields of the answer may differ from the
 * reference answer, on which targets, for which kind of input, and why. The suite has no other
 * exception: a difference no row covers fails it.
 */
export interface DifferentialAllowance {
  readonly name: string;
  readonly fields: readonly Field[];
  /** By name, or every target that leaves a path no rule matches to its host. */
  readonly targets: { readonly names: readonly string[] } | { readonly notFound: "host" };
  readonly kind: InputKind;
  readonly why: string;
}

/** The allowance table. */
export const DIFFERENTIAL_ALLOWANCES: readonly DifferentialAllowance[] = [
  {
    name: "host-404",
    fields: ["content-type", "content-length", "body"],
    targets: { notFound: "host" },
    kind: "unmatched",
    why: 'a path no rule of the App matches is left to the host (notFound: "host"), whose 404 has its own type and body',
  },
];

/** Whether `allowance` applies to `target`. */
export function appliesTo(allowance: DifferentialAllowance, target: ConformanceTarget): boolean {
  return "names" in allowance.targets ? allowance.targets.names.includes(target.name) : target.notFound === allowance.targets.notFound;
}

/** The first allowance that lets `field` differ on `target` for an input of `kinds`. */
export function allowanceFor(target: ConformanceTarget, field: Field, kinds: ReadonlySet<InputKind>): DifferentialAllowance | undefined {
  return DIFFERENTIAL_ALLOWANCES.find((allowance) => allowance.fields.includes(field) && kinds.has(allowance.kind) && appliesTo(allowance, target));
}
