import type { App } from "../app/app.js";

/** How `methodview routes` sorts, as `flask routes --sort`. */
export type RouteSort = "endpoint" | "methods" | "rule" | "match";

/** The routes of `app` as `flask routes` prints them: Endpoint, Methods, Rule. */
export function routesTable(app: App, options: { sort?: RouteSort; allMethods?: boolean } = {}): string {
  const sort = options.sort ?? "endpoint";
  const hidden = options.allMethods ? new Set<string>() : new Set(["HEAD", "OPTIONS"]);
  const rows = app.routes().map((r) => ({ endpoint: r.endpoint, methods: r.methods.filter((m) => !hidden.has(m)).join(", "), rule: r.rule }));
  if (sort !== "match") rows.sort((a, b) => (a[sort] < b[sort] ? -1 : a[sort] > b[sort] ? 1 : 0));
  if (rows.length === 0) return "No routes were registered.";
  const head = { endpoint: "Endpoint", methods: "Methods", rule: "Rule" };
  const width = (key: keyof typeof head) => Math.max(head[key].length, ...rows.map((r) => r[key].length));
  const w = { endpoint: width("endpoint"), methods: width("methods"), rule: width("rule") };
  const line = (r: typeof head) => `${r.endpoint.padEnd(w.endpoint)}  ${r.methods.padEnd(w.methods)}  ${r.rule}`.trimEnd();
  return [line(head), `${"-".repeat(w.endpoint)}  ${"-".repeat(w.methods)}  ${"-".repeat(w.rule)}`, ...rows.map(line)].join("\n");
}
