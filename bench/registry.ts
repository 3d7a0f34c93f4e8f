/** One bench server: a file in bench/servers/, how to start it, and what it is measured against. */
export interface ServerSpec {
  /** Stable id, used on the command line and in results.json. */
  readonly name: string;
  /** How the table names it. */
  readonly label: string;
  readonly file: string;
  readonly env?: Record<string, string>;
  /** The host it runs on; the raw server of that host is its baseline. */
  readonly host: string;
  readonly kind: "raw" | "methodview" | "context";
  /** The server whose figures its ratio divides by; a raw server has none. */
  readonly baseline?: string;
  /** The scenario ids it is measured on. */
  readonly scenarios: readonly number[];
  /** The methodview adapter it needs (src/adapters/<name>), for "not available yet". */
  readonly adapter?: string;
}

const ALL = [1, 2, 3, 4, 5, 6];
/** The frameworks given for context answer the scenarios their docs make plain (no hooks). */
const CONTEXT = [1, 2, 4];

/** In table order; each baseline comes first, so a round measures a pair back to back. */
export const servers: readonly ServerSpec[] = [
  { name: "node-raw", label: "node:http (raw)", file: "node-raw.ts", host: "node", kind: "raw", scenarios: ALL },
  { name: "node-methodview", label: "methodview/node", file: "node-methodview.ts", host: "node", kind: "methodview", baseline: "node-raw", scenarios: ALL, adapter: "node" },
  {
    name: "node-methodview-no-als",
    label: "methodview/node, asyncContext: false",
    file: "node-methodview.ts",
    env: { ASYNC_CONTEXT: "0" },
    host: "node",
    kind: "methodview",
    baseline: "node-raw",
    scenarios: ALL,
    adapter: "node",
  },
  { name: "fastify-raw", label: "Fastify (raw)", file: "fastify-raw.ts", host: "fastify", kind: "raw", scenarios: ALL },
  { name: "fastify-methodview", label: "methodview/fastify", file: "fastify-methodview.ts", host: "fastify", kind: "methodview", baseline: "fastify-raw", scenarios: ALL, adapter: "fastify" },
  { name: "nest-fastify", label: "NestJS on Fastify", file: "nest-fastify.ts", host: "fastify", kind: "context", baseline: "fastify-raw", scenarios: CONTEXT },
  { name: "express-raw", label: "Express (raw)", file: "express-raw.ts", host: "express", kind: "raw", scenarios: ALL },
  { name: "express-methodview", label: "methodview/express", file: "express-methodview.ts", host: "express", kind: "methodview", baseline: "express-raw", scenarios: ALL, adapter: "express" },
  { name: "nest-express", label: "NestJS on Express", file: "nest-express.ts", host: "express", kind: "context", baseline: "express-raw", scenarios: CONTEXT },
  { name: "routing-controllers", label: "routing-controllers (Express 4)", file: "routing-controllers.ts", host: "express", kind: "context", baseline: "express-raw", scenarios: CONTEXT },
  { name: "koa-raw", label: "Koa + @koa/router (raw)", file: "koa-raw.ts", host: "koa", kind: "raw", scenarios: ALL },
  { name: "koa-methodview", label: "methodview/koa", file: "koa-methodview.ts", host: "koa", kind: "methodview", baseline: "koa-raw", scenarios: ALL, adapter: "koa" },
  {
    name: "koa-router-methodview",
    label: "methodview/koa, toKoaRouter",
    file: "koa-methodview.ts",
    env: { KOA_MOUNT: "router" },
    host: "koa",
    kind: "methodview",
    baseline: "koa-raw",
    scenarios: [1, 2],
    adapter: "koa",
  },
  { name: "hono-raw", label: "Hono on @hono/node-server (raw)", file: "hono-raw.ts", host: "hono", kind: "raw", scenarios: ALL },
  { name: "hono-methodview", label: "methodview/hono", file: "hono-methodview.ts", host: "hono", kind: "methodview", baseline: "hono-raw", scenarios: ALL, adapter: "hono" },
];
