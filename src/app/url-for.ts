import { ConfigurationError } from "../core/errors.js";

/**
 * Builds the path of `rule` from `params`, Flask's `url_for`: each `:name` is filled and
 * percent-encoded, a trailing `*` takes `params["*"]` as it is, and every parameter the rule
 * does not use goes to the query string.
 */
export function buildUrl(endpoint: string, rule: string, params: Record<string, unknown>): string {
  const used = new Set<string>();
  const take = (name: string): string => {
    const value = params[name];
    if (value === undefined || value === null) {
      throw new ConfigurationError("MV_URL_BUILD", `urlFor("${endpoint}"): the rule "${rule}" needs the parameter "${name}"`);
    }
    used.add(name);
    return String(value);
  };
  let path = rule.replace(/:([A-Za-z0-9_$]+)(\([^)]*\))?/g, (_, name: string) => encodeURIComponent(take(name)));
  if (path.endsWith("*")) path = path.slice(0, -1) + take("*").split("/").map(encodeURIComponent).join("/");
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (used.has(name) || value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item));
  }
  const search = query.toString();
  return search === "" ? path : `${path}?${search}`;
}
