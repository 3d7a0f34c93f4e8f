import { ConfigurationError } from "../../core/errors.js";

/** The name under which a trailing wildcard's value reaches `req.params` in Express. */
export const WILDCARD = "methodviewRest";

/**
 * Translates a methodview rule to an Express 5 path: `:name` stays, a trailing `*` becomes
 * an optional named wildcard. Anything Express would read differently is refused at mount time.
 */
export function toExpressPath(rule: string): string {
  if (/[(){}?+]/.test(rule)) {
    throw new ConfigurationError("MV_UNSUPPORTED_RULE", `methodview/express: the rule "${rule}" uses syntax Express 5 reads differently`);
  }
  return rule.endsWith("*") ? `${rule.slice(0, -1)}{*${WILDCARD}}` : rule;
}

/** The params of a matched Express route as methodview names them (`*` for the wildcard). */
export function fromExpressParams(params: Record<string, string | string[]>, hasWildcard: boolean): Record<string, string> {
  if (!hasWildcard) return params as Record<string, string>;
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name === WILDCARD) result["*"] = Array.isArray(value) ? value.join("/") : value;
    else result[name] = value as string;
  }
  result["*"] ??= "";
  return result;
}
