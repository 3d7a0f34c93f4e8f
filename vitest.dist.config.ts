import { defineConfig } from "vitest/config";

// Tests of the built package: plain JavaScript from dist/, no transform of the sources.
export default defineConfig({
  test: {
    include: ["test/dist/**/*.test.ts"],
    setupFiles: ["test/setup/no-unhandled-rejections.ts"],
    testTimeout: 30_000,
  },
});
