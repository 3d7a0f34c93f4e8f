import { describe, expect, it } from "vitest";
import { Dispatcher } from "../../src/index.js";
import { defaultDispatcher, isThenable } from "../../src/host/index.js";

/** A promise-like object that is not a Promise. */
function thenable<T>(settle: (resolve: (value: T) => void, reject: (error: unknown) => void) => void): PromiseLike<T> {
  return {
    then(onFulfilled, onRejected) {
      return new Promise<T>(settle).then(onFulfilled, onRejected);
    },
  };
}

const fail = (error: unknown) => `error: ${(error as Error).message}`;
const double = (value: number) => `value: ${value * 2}`;

describe("Dispatcher.call()", () => {
  it("returns a sync value synchronously, before the next statement runs", () => {
    const order: string[] = [];
    const result = new Dispatcher().call(
      (a: number, b: number) => {
        order.push("fn");
        return a + b;
      },
      undefined,
      [1, 2],
    );
    order.push("next statement");
    expect(result).toBe(3);
    expect(result).not.toBeInstanceOf(Promise);
    expect(order).toEqual(["fn", "next statement"]);
  });

  it("calls fn with thisArg", () => {
    const target = { label: "target" };
    const result = defaultDispatcher.call(function (this: { label: string }) {
      return this.label;
    }, target, []);
    expect(result).toBe("target");
  });

  it("returns a thenable as it is", () => {
    const value = thenable<number>((resolve) => resolve(5));
    expect(new Dispatcher().call(() => value, undefined, [])).toBe(value);
  });

  it("lets a sync throw propagate synchronously", () => {
    expect(() =>
      new Dispatcher().call(() => {
        throw new Error("sync boom");
      }, undefined, []),
    ).toThrow("sync boom");
  });
});

describe("Dispatcher.run()", () => {
  it("calls onValue synchronously with a sync result", () => {
    const result = new Dispatcher().run((n: number) => n + 1, undefined, [1], double, fail);
    expect(result).toBe("value: 4");
  });

  it("awaits a Promise and a non-Promise thenable before onValue", async () => {
    const dispatcher = new Dispatcher();
    const fromPromise = dispatcher.run(async () => 3, undefined, [], double, fail);
    const fromThenable = dispatcher.run(() => thenable<number>((resolve) => resolve(5)), undefined, [], double, fail);
    expect(fromPromise).toBeInstanceOf(Promise);
    expect(fromThenable).toBeInstanceOf(Promise);
    expect(await fromPromise).toBe("value: 6");
    expect(await fromThenable).toBe("value: 10");
  });

  it("sends a sync throw and a rejection to onError alike", async () => {
    const dispatcher = new Dispatcher();
    const thrown = dispatcher.run(() => {
      throw new Error("sync");
    }, undefined, [], double, fail);
    const rejected = dispatcher.run(async () => {
      throw new Error("async");
    }, undefined, [], double, fail);
    const rejectedThenable = dispatcher.run(
      () => thenable<number>((_resolve, reject) => reject(new Error("thenable"))),
      undefined,
      [],
      double,
      fail,
    );
    expect(thrown).toBe("error: sync");
    expect(await rejected).toBe("error: async");
    expect(await rejectedThenable).toBe("error: thenable");
  });

  it("does not send a throw inside onValue to onError", () => {
    const explode = () => {
      throw new Error("from onValue");
    };
    expect(() => new Dispatcher().run(() => 1, undefined, [], explode, fail)).toThrow("from onValue");
  });
});

describe("Dispatcher.ensureAsync()", () => {
  it("always returns a Promise, passing this and arguments", async () => {
    const wrapped = new Dispatcher().ensureAsync(function (this: { base: number }, n: number) {
      return this.base + n;
    });
    const result = wrapped.call({ base: 10 }, 5);
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toBe(15);
  });

  it("turns a sync throw into a rejection", async () => {
    const wrapped = new Dispatcher().ensureAsync(() => {
      throw new Error("boom");
    });
    let result: Promise<never> | undefined;
    expect(() => (result = wrapped())).not.toThrow();
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toThrow("boom");
  });
});

describe("a Dispatcher subclass overriding call()", () => {
  class Recording extends Dispatcher {
    readonly seen: string[] = [];
    override call<F extends (...args: never[]) => unknown>(fn: F, thisArg: unknown, args: Parameters<F>): ReturnType<F> {
      this.seen.push(fn.name);
      return super.call(fn, thisArg, args);
    }
  }

  it("sees every call made through call(), run() and ensureAsync()", async () => {
    const dispatcher = new Recording();
    function direct() { return 1; }
    function viaRun() { return 2; }
    function viaEnsureAsync() { return 3; }
    expect(dispatcher.call(direct, undefined, [])).toBe(1);
    expect(dispatcher.run(viaRun, undefined, [], double, fail)).toBe("value: 4");
    expect(await dispatcher.ensureAsync(viaEnsureAsync)()).toBe(3);
    expect(dispatcher.seen).toEqual(["direct", "viaRun", "viaEnsureAsync"]);
  });
});

describe("isThenable()", () => {
  it("recognises anything with a then function", () => {
    expect(isThenable(Promise.resolve())).toBe(true);
    expect(isThenable(thenable(() => undefined))).toBe(true);
    expect(isThenable(Object.assign(() => undefined, { then: () => undefined }))).toBe(true);
    expect(isThenable({ then: "not a function" })).toBe(false);
    expect(isThenable(null)).toBe(false);
    expect(isThenable("then")).toBe(false);
  });
});
