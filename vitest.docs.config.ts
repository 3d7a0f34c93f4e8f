import { defineConfig } from "vitest/config";

// The guides' code blocks against the built package: run after `npm run build`.
export default defineConfig({
  test: {
    include: ["test/docs/**/*.test.ts"],
    setupFiles: ["test/setup/no-unhandled-rejections.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
