import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

// swc, not esbuild, transforms the sources so that decorator metadata is emitted for tsyringe.
export default defineConfig({
  plugins: [swc.vite({ module: { type: "es6" } })],
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/dist/**", "test/docs/**", "test/runtimes/**", "node_modules/**"],
    setupFiles: ["test/setup/no-unhandled-rejections.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
  },
});
