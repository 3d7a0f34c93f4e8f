import { afterEach, describe, expect, it, vi } from "vitest";
import { Deadlines, deadlinesOf } from "../../src/app/deadlines.js";

describe("Deadlines (the shared timer of bodyTimeout)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fires each entry once its time has passed, in the order they joined, and not the removed ones", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const queue = new Deadlines(100);
    const fired: string[] = [];
    queue.add(() => fired.push("a"));
    const b = queue.add(() => fired.push("b"));
    await vi.advanceTimersByTimeAsync(50);
    queue.add(() => fired.push("c"));
    queue.remove(b);
    queue.remove(b);
    await vi.advanceTimersByTimeAsync(50);
    expect(fired).toEqual(["a"]);
    await vi.advanceTimersByTimeAsync(49);
    expect(fired).toEqual(["a"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fired).toEqual(["a", "c"]);
  });

  it("keeps the process alive only while an entry waits", () => {
    const queue = new Deadlines(60_000);
    const timerOf = () => (queue as unknown as { timer: ReturnType<typeof setTimeout> | undefined }).timer;
    const first = queue.add(() => undefined);
    expect(timerOf()?.hasRef()).toBe(true);
    queue.remove(first);
    expect(timerOf()?.hasRef()).toBe(false);
    const second = queue.add(() => undefined);
    expect(timerOf()?.hasRef()).toBe(true);
    queue.remove(second);
  });

  it("gives one queue per length", () => {
    expect(deadlinesOf(1234)).toBe(deadlinesOf(1234));
    expect(deadlinesOf(1234)).not.toBe(deadlinesOf(4321));
  });
});
