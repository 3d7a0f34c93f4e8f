import type { DeclaredRoute, RouteOptions } from "../core/decorators/route-options.js";
import { RouteContract } from "./route-contract.js";
import { checkRouteOptions } from "./route-options-check.js";

/** Method to compiled contract; a null-prototype record, only methods that declare one. */
export type RouteContracts = Readonly<Record<string, RouteContract>>;

/**
 * Checks and compiles what a rule's handlers declared, once, at mount time. Methods that
 * share a declaration (HEAD and GET) share its contract. `rule` names the route in errors.
 */
export function compileContracts(
  declared: Readonly<Record<string, DeclaredRoute>>,
  rule: string,
  validateResponses: boolean,
): RouteContracts | undefined {
  let contracts: Record<string, RouteContract> | undefined;
  const compiled = new Map<RouteOptions, RouteContract>();
  for (const [method, { handler, options }] of Object.entries(declared)) {
    let contract = compiled.get(options);
    if (contract === undefined) {
      // Methods come in table order, so GET (and its contract's name) precedes the HEAD it serves.
      const where = `${handler} (${method} ${rule})`;
      contract = new RouteContract(checkRouteOptions(options, where), where, validateResponses);
      compiled.set(options, contract);
    }
    (contracts ??= Object.create(null) as Record<string, RouteContract>)[method] = contract;
  }
  return contracts;
}
