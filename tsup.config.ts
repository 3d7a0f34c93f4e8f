import { defineConfig, type Options } from "tsup";

// tsup hands the TypeScript to swc (decorator metadata is on in tsconfig.json), and its swc plugin
// forces esbuild's keepNames, which wraps every function in a __name() call: per request wherever a
// closure is made on the request path. This plugin, set up after it, turns keepNames off again.
// Names do not depend on it: the bundle renames no class (test/dist checks error names).
const noKeepNames: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "methodview-no-keep-names",
  setup(build) {
    build.initialOptions.keepNames = false;
  },
};

export default defineConfig({
  esbuildPlugins: [noKeepNames],
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
