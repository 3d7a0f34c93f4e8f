import { defineConfig } from "tsup";

// tsup hands the TypeScript to swc when @swc/core is installed and decorator metadata is on,
// which tsyringe needs; esbuild alone would drop it.
export default defineConfig({
  entry: {
    index: "src/index.ts",
    "adapters/node/index": "src/adapters/node/index.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  splitting: true,
  treeshake: false,
});
