import { afterEach, describe, expect, it, vi } from "vitest";
import { Deadlines, deadlinesOf } from "../../src/app/deadlines.js";
import { BodyStop, stoppableRead, type AbortWatch } from "../../src/app/bounded-read.js";

describe("Deadlines (the shared timer of bodyTimeout)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fires each entry once its time has passed, in the order they joined, and not the removed ones", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const queue = new Deadlines(100);
    const fired: string[] = [];
    queue.add({ expire: () => fired.push("a") });
    const b = queue.add({ expire: () => fired.push("b") });
    await vi.advanceTimersByTimeAsync(50);
    queue.add({ expire: () => fired.push("c") });
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
    const first = queue.add({ expire: () => undefined });
    expect(timerOf()?.hasRef()).toBe(true);
    queue.remove(first);
    expect(timerOf()?.hasRef()).toBe(false);
    const second = queue.add({ expire: () => undefined });
    expect(timerOf()?.hasRef()).toBe(true);
    queue.remove(second);
  });

  it("gives one queue per length", () => {
    expect(deadlinesOf(1234)).toBe(deadlinesOf(1234));
    expect(deadlinesOf(1234)).not.toBe(deadlinesOf(4321));
  });

  it("lets go of what an entry runs once it leaves, fired or removed (an old entry keeps no request alive)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const queue = new Deadlines(10);
    const removed = queue.add({ expire: () => undefined });
    const fired = queue.add({ expire: () => undefined });
    queue.remove(removed);
    expect(removed.fire).toBeUndefined();
    await vi.advanceTimersByTimeAsync(10);
    expect(fired.queued).toBe(false);
    expect(fired.fire).toBeUndefined();
    expect(fired.next).toBeUndefined();
  });
});

describe("BodyStop (the stop of one body read)", () => {
  const watch = (): AbortWatch => ({ abortReason: undefined, reading: undefined });

  it("leaves the request and the shared timer once the read settles", async () => {
    const w = watch();
    let stop: BodyStop | undefined;
    const read = stoppableRead((_limit, s) => {
      stop = s;
      expect(w.reading).toBe(s);
      return Promise.resolve(new Uint8Array(1)).finally(() => s.settled());
    }, undefined, 0, w, 60_000);
    await read;
    expect(w.reading).toBeUndefined();
    const queue = deadlinesOf(60_000) as unknown as { head: unknown };
    expect(queue.head).toBeUndefined();
    expect(stop!.aborted).toBe(false);
  });

  it("rejects with a 400 when the request is aborted and a 408 when bodyTimeout passes", async () => {
    const aborted = watch();
    const cut = stoppableRead((_limit, s) => new Promise<never>((_, reject) => s.onStop(() => reject(s.reason))), undefined, 0, aborted, 0);
    aborted.reading!.abort(new Error("client left"));
    await expect(cut).rejects.toMatchObject({ status: 400 });
    expect(aborted.reading).toBeUndefined();

    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const slow = stoppableRead((_limit, s) => new Promise<never>((_, reject) => s.onStop(() => reject(s.reason))), undefined, 0, watch(), 25);
    const settled = expect(slow).rejects.toMatchObject({ status: 408 });
    await vi.advanceTimersByTimeAsync(25);
    await settled;
  });
});
