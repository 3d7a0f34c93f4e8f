import { afterEach, beforeEach, expect } from "vitest";

// Any unhandled rejection during a test fails that test: methodview promises never to leave one.
const seen: unknown[] = [];
const onRejection = (reason: unknown) => {
  seen.push(reason);
};

beforeEach(() => {
  seen.length = 0;
  process.on("unhandledRejection", onRejection);
});

afterEach(async () => {
  // Rejections surface after a macrotask; give them one before judging.
  await new Promise((resolve) => setImmediate(resolve));
  process.off("unhandledRejection", onRejection);
  expect(seen, "the test left an unhandled rejection").toEqual([]);
});
