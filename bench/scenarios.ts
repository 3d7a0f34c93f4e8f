/**
 * The six load scenarios. Every server answers all of them at the same paths; the harness
 * checks one answer against `expect` before it loads a server, and a server started with
 * `HOOKS=1` runs its before/after hooks on every route (only scenario 5 is measured there).
 */
export interface Scenario {
  readonly id: number;
  readonly name: string;
  readonly title: string;
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Measured against a server started with `HOOKS=1`. */
  readonly hooks: boolean;
  readonly expect: {
    readonly status: number;
    /** The JSON body, compared structurally. */
    readonly json: unknown;
    /** Response headers that must be present with these values (lower-case names). */
    readonly headers?: Record<string, string>;
  };
}

export const scenarios: readonly Scenario[] = [
  {
    id: 1,
    name: "json",
    title: "GET small JSON",
    method: "GET",
    path: "/json",
    hooks: false,
    expect: { status: 200, json: { hello: "world" } },
  },
  {
    id: 2,
    name: "param",
    title: "GET with a path parameter",
    method: "GET",
    path: "/users/42",
    hooks: false,
    expect: { status: 200, json: { id: "42" } },
  },
  {
    id: 3,
    name: "echo",
    title: "POST small JSON, echoed",
    method: "POST",
    path: "/echo",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "bench", tags: ["a", "b"], n: 1 }),
    hooks: false,
    expect: { status: 200, json: { name: "bench", tags: ["a", "b"], n: 1 } },
  },
  {
    id: 4,
    name: "async",
    title: "GET small JSON, async handler",
    method: "GET",
    path: "/async",
    hooks: false,
    expect: { status: 200, json: { hello: "world" } },
  },
  {
    id: 5,
    name: "hooks",
    title: "GET with before/after hooks",
    method: "GET",
    path: "/hooks",
    hooks: true,
    expect: { status: 200, json: { hello: "world", user: "bench" }, headers: { "x-hooked": "1" } },
  },
  {
    id: 6,
    name: "validated",
    title: "validated JSON POST",
    method: "POST",
    path: "/validated",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "bench", tags: ["a", "b"], n: 1 }),
    hooks: false,
    expect: { status: 200, json: { name: "bench", tags: ["a", "b"], n: 1 } },
  },
];

/** The user the before hook sets, and the header the after hook adds. */
export const HOOK_USER = "bench";
export const HOOK_HEADER = "x-hooked";
