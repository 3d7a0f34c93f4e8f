import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

// The conformance suite on Bun and Deno (npm run test:runtimes, after npm run build): node runs
// the cases; each server is a child process on the other runtime, serving the built package.
export default defineConfig({
  plugins: [swc.vite({ module: { type: "es6" } })],
  test: {
    include: ["test/runtimes/**/*.test.ts"],
    globalSetup: ["test/runtimes/global-setup.ts"],
    setupFiles: ["test/setup/no-unhandled-rejections.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
