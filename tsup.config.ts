import { defineConfig } from "tsup";

// src/ has no decorated class, so the build needs no decorator metadata: tsconfig.build.json turns
// it off, and tsup compiles with esbuild alone. (With it on, tsup hands the sources to swc and forces
// esbuild's keepNames, which wraps every closure in a __name() call, per request where one is made.)
export default defineConfig({
  tsconfig: "tsconfig.build.json",
  entry: {
    index: "src/index.ts",
    "host/index": "src/host/index.ts",
    "adapters/node/index": "src/adapters/node/index.ts",
    "adapters/express/index": "src/adapters/express/index.ts",
    "adapters/fastify/index": "src/adapters/fastify/index.ts",
    "adapters/koa/index": "src/adapters/koa/index.ts",
    "adapters/hono/index": "src/adapters/hono/index.ts",
    "tasks/index": "src/tasks/index.ts",
    "openapi/index": "src/openapi/index.ts",
    "cli/main": "src/cli/main.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  splitting: true,
  treeshake: false,
  // The hosts (and the docs page's assets) are optional peer dependencies: never bundled.
  external: ["express", "fastify", "koa", "@koa/router", "hono", "@hono/node-server", "bullmq", "ioredis", "swagger-ui-dist"],
});
