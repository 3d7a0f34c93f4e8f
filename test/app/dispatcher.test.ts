import { describe, expect, it } from "vitest";
import { App, Dispatcher, MethodView, ViewResponse } from "../../src/index.js";
import { isThenable, type RequestSource } from "../../src/host/index.js";
import { silentLogger } from "./support.js";

/** A Dispatcher that records the name of every function it runs. */
class RecordingDispatcher extends Dispatcher {
  readonly calls: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override call<F extends (...args: any[]) => unknown>(fn: F, thisArg: unknown, args: Parameters<F>): ReturnType<F> {
    this.calls.push(fn.name);
    return super.call(fn, thisArg, args);
  }
}

/** The smallest host: a RequestSource over plain values, as an adapter would write one. */
function source(method: string, url: string): RequestSource<undefined> {
  return {
    method,
    url,
    headers: () => new Headers(),
    header: () => undefined,
    readBody: async () => new Uint8Array(0),
    parsedBody: () => undefined,
    toRequest: () => new Request(`http://localhost${url}`, { method }),
    watchAbort: () => undefined,
    raw: undefined,
  };
}

describe("new App({ dispatcher })", () => {
  it("runs the view, every hook and the error handler through the Dispatcher's call()", async () => {
    const dispatcher = new RecordingDispatcher();
    const app = new App({ dispatcher });
    app.route("/", function view() {
      return "ok";
    });
    app.route("/fails", async function failingView() {
      throw new Error("boom");
    });
    app.beforeRequest(function before() {});
    app.afterRequest(async function after() {});
    app.teardownRequest(function teardown() {});
    app.errorHandler(500, function onError() {
      return ["handled", 500];
    });
    await app.request("/");
    expect(dispatcher.calls).toEqual(["before", "view", "after", "teardown"]);
    dispatcher.calls.length = 0;
    expect(await (await app.request("/fails")).text()).toBe("handled");
    expect(dispatcher.calls).toEqual(["before", "failingView", "onError", "after", "teardown"]);
  });

  it("runs background tasks through it", async () => {
    const dispatcher = new RecordingDispatcher();
    const app = new App({ dispatcher });
    app.route("/", function view() {
      app.addBackgroundTask(function sendEmail() {});
      return "ok";
    });
    await app.request("/");
    await app.close();
    expect(dispatcher.calls).toEqual(["view", "sendEmail"]);
  });

  it("lets an override change every result, for example to wrap handlers in a time limit", async () => {
    class Tagging extends Dispatcher {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      override call<F extends (...args: any[]) => unknown>(fn: F, thisArg: unknown, args: Parameters<F>): ReturnType<F> {
        const result = super.call(fn, thisArg, args);
        return (fn.name === "view" ? `${String(result)} (dispatched)` : result) as ReturnType<F>;
      }
    }
    const app = new App({ dispatcher: new Tagging() });
    app.route("/", function view() {
      return "ok";
    });
    expect(await (await app.request("/")).text()).toBe("ok (dispatched)");
  });
});

describe("app.ensureAsync()", () => {
  it("returns a promise for a sync result, a sync throw and an async result", async () => {
    const app = new App();
    const sync = app.ensureAsync((a: number, b: number) => a + b);
    const throws = app.ensureAsync(() => {
      throw new Error("sync throw");
    });
    const async = app.ensureAsync(async (name: string) => `hello ${name}`);
    const results = [sync(1, 2), throws(), async("ada")];
    for (const result of results) expect(result).toBeInstanceOf(Promise);
    expect(await results[0]).toBe(3);
    await expect(results[1]).rejects.toThrow("sync throw");
    expect(await results[2]).toBe("hello ada");
  });

  it("goes through the App's Dispatcher", async () => {
    const dispatcher = new RecordingDispatcher();
    const app = new App({ dispatcher });
    await app.ensureAsync(function extensionHelper() {
      return 1;
    })();
    expect(dispatcher.calls).toEqual(["extensionHelper"]);
  });
});

describe("app.handle() (sync stays sync)", () => {
  function syncApp() {
    const app = new App({ logger: silentLogger() });
    class Items extends MethodView {
      get() {
        return ["a"];
      }
    }
    app.register("/items", Items);
    app.route("/", () => "sync view");
    app.route("/fails", () => {
      throw new Error("sync failure");
    });
    app.route("/async", async () => "async view");
    app.route("/p/:name", (ctx) => ctx.params.name ?? "");
    app.beforeRequest(() => undefined);
    app.afterRequest((response) => void response.setHeader("x-after", "sync"));
    app.teardownRequest(() => undefined);
    app.errorHandler(500, () => ["handled synchronously", 500]);
    return app;
  }

  it("returns a ViewResponse, not a promise, when every step is sync", () => {
    const app = syncApp();
    for (const [method, url, status] of [
      ["GET", "/", 200],
      ["GET", "/items?page=2", 200],
      ["GET", "/fails", 500],
      ["GET", "/nowhere", 404],
      ["DELETE", "/", 405],
      ["OPTIONS", "/", 204],
      ["GET", "/p/%E0%A4%A", 400],
      ["GET", "/%E0%A4%A", 404],
    ] as const) {
      const out = app.handle(source(method, url));
      expect(isThenable(out), `${method} ${url}`).toBe(false);
      expect(out).toBeInstanceOf(ViewResponse);
      expect((out as ViewResponse).status).toBe(status);
      expect((out as ViewResponse).getHeader("x-after")).toBe("sync");
    }
    expect((app.handle(source("GET", "/fails")) as ViewResponse).body).toBe("handled synchronously");
  });

  it("returns a promise once one step is async", async () => {
    const app = syncApp();
    const out = app.handle(source("GET", "/async"));
    expect(out).toBeInstanceOf(Promise);
    expect((await out).body).toBe("async view");
    app.beforeRequest(async () => undefined);
    const afterAsyncHook = app.handle(source("GET", "/"));
    expect(afterAsyncHook).toBeInstanceOf(Promise);
    expect((await afterAsyncHook).body).toBe("sync view");
  });
});
