import { ConfigurationError } from "../core/errors.js";

/**
 * Builds the path of `rule` from `params`, Flask's `url_for`: each `:name` is filled and
 * percent-encoded, a trailing `*` takes `params["*"]` segment by segment, and every parameter
 * the rule does not use goes to the query string. The result is always a path on this origin:
 * a value that would make an empty, `.` or `..` segment (`//evil.example`, `/../admin`) is
 * refused with `MV_URL_BUILD`.
 */
export function buildUrl(endpoint: string, rule: string, params: Record<string, unknown>): string {
  const used = new Set<string>();
  const refuse = (name: string, why: string) =>
    new ConfigurationError("MV_URL_BUILD", `urlFor("${endpoint}"): the parameter "${name}" of "${rule}" ${why}`);
  const take = (name: string): string => {
    const value = params[name];
    if (value === undefined || value === null) throw new ConfigurationError("MV_URL_BUILD", `urlFor("${endpoint}"): the rule "${rule}" needs the parameter "${name}"`);
    used.add(name);
    return String(value);
  };
  const segment = (name: string, value: string): string => {
    if (value === "" || value === "." || value === "..") throw refuse(name, `would make ${value === "" ? "an empty" : `a "${value}"`} path segment`);
    return encodeURIComponent(value);
  };
  let path = rule.replace(/:([A-Za-z0-9_$]+)(\([^)]*\))?/g, (_, name: string) => segment(name, take(name)));
  if (path.endsWith("*")) {
    const parts = take("*").split("/");
    // A trailing slash is a path on this origin; an empty segment before it is not (`//host`).
    const last = parts.length > 1 && parts[parts.length - 1] === "" ? parts.pop() : undefined;
    path = path.slice(0, -1) + parts.map((part) => segment("*", part)).join("/") + (last === undefined ? "" : "/");
  }
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (used.has(name) || value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item));
  }
  const search = query.toString();
  return search === "" ? path : `${path}?${search}`;
}
