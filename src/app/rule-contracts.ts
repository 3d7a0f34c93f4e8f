import type { DeclaredRoute } from "../core/decorators/route-options.js";
import type { Handler, ViewFunction } from "../core/view-function.js";
import { compileContracts, type RouteContracts } from "../contract/compile-contracts.js";
import { ConfigurationError } from "../core/errors.js";
import { pickRouteOptions, ROUTE_OPTION_KEYS } from "../contract/route-options-check.js";

const RULE_KEYS: readonly string[] = ["viewFunc", "endpoint", "methods", "provideAutomaticOptions", "strictSlashes", ...ROUTE_OPTION_KEYS];

/**
 * The compiled contracts of a rule being added: the route options passed with it apply to
 * every method it serves; otherwise those its view class declared (decorators, `static
 * schemas`). Checked here, at mount time; a bad schema is a TypeError naming the handler.
 */
export function ruleContracts(
  options: object,
  viewFunc: Handler,
  methods: readonly string[],
  rule: string,
  endpoint: string,
  validateResponses: boolean,
): RouteContracts | undefined {
  for (const key of Object.keys(options)) {
    if (!RULE_KEYS.includes(key)) {
      throw new ConfigurationError("MV_INVALID_ROUTE_OPTIONS", `app.addUrlRule("${rule}"): unknown option "${key}"; the options are ${RULE_KEYS.join(", ")}`);
    }
  }
  const given = pickRouteOptions(options);
  let declared: Readonly<Record<string, DeclaredRoute>> | undefined = (viewFunc as Partial<ViewFunction>).declared;
  if (given !== undefined) {
    const named = viewFunc.name === "" ? `"${endpoint}"` : `${viewFunc.name}()`;
    const handler = viewFunc.name === "" || viewFunc.name === endpoint ? named : `${named} ("${endpoint}")`;
    const route: DeclaredRoute = { handler, options: given };
    declared = Object.fromEntries(methods.filter((method) => method !== "OPTIONS").map((method) => [method, route]));
  }
  return declared === undefined ? undefined : compileContracts(declared, rule, validateResponses);
}
