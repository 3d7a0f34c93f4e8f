import "reflect-metadata";
import { container as rootContainer } from "tsyringe";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App, Dispatcher, NoActiveContextError, consoleLogger, currentContext, type AppOptions } from "../../src/index.js";
import { silentLogger } from "./support.js";

afterEach(() => {
  vi.useRealTimers();
  rootContainer.reset();
});

describe("new App(options)", () => {
  it("applies the defaults", () => {
    const app = new App();
    expect(app.bodyLimit).toBe(1024 * 1024);
    expect(app.dispatcher).toBeInstanceOf(Dispatcher);
    expect(app.logger).toBe(consoleLogger);
    expect(app.closing).toBe(false);
  });

  it("makes its container a child of tsyringe's root container by default", () => {
    const token = Symbol("from-root");
    rootContainer.register(token, { useValue: "root value" });
    const app = new App();
    expect(app.container).not.toBe(rootContainer);
    expect(app.container.resolve(token)).toBe("root value");
    app.container.register("app-only", { useValue: 1 });
    expect(rootContainer.isRegistered("app-only")).toBe(false);
  });

  it("uses the container, dispatcher and logger it is given", () => {
    const container = rootContainer.createChildContainer();
    const dispatcher = new Dispatcher();
    const logger = silentLogger();
    const app = new App({ container, dispatcher, logger });
    expect(app.container).toBe(container);
    expect(app.dispatcher).toBe(dispatcher);
    expect(app.logger).toBe(logger);
  });

  it("reads bodies up to 1 MiB by default and answers 413 past it", async () => {
    const app = new App();
    app.route("/size", async (ctx) => ({ size: (await ctx.text()).length }), { methods: ["POST"] });
    const atLimit = await app.request("/size", { method: "POST", body: "a".repeat(1024 * 1024) });
    expect(await atLimit.json()).toEqual({ size: 1024 * 1024 });
    const overLimit = await app.request("/size", { method: "POST", body: "a".repeat(1024 * 1024 + 1) });
    expect(overLimit.status).toBe(413);
  });

  it("honours a smaller bodyLimit", async () => {
    const app = new App({ bodyLimit: 4 });
    app.route("/size", async (ctx) => ctx.text(), { methods: ["POST"] });
    expect(app.bodyLimit).toBe(4);
    expect((await app.request("/size", { method: "POST", body: "abcd" })).status).toBe(200);
    expect((await app.request("/size", { method: "POST", body: "abcde" })).status).toBe(413);
  });

  it("waits 5000 ms for background work on close() by default", async () => {
    const app = new App({ logger: silentLogger() });
    app.route("/", (ctx) => {
      ctx.waitUntil(new Promise(() => undefined));
      return "ok";
    });
    await app.request("/");
    vi.useFakeTimers();
    let report: unknown;
    void app.close().then((value) => (report = value));
    await vi.advanceTimersByTimeAsync(4999);
    expect(report).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(report).toMatchObject({ requests: { pending: 0 }, background: { completed: 0, pending: 1, timedOut: true } });
  });

  it("turns currentContext() on by default and off with asyncContext: false", async () => {
    const probe = () => {
      try {
        return currentContext().path;
      } catch (error) {
        return (error as Error).name;
      }
    };
    const on = new App();
    on.route("/probe", probe);
    const off = new App({ asyncContext: false });
    off.route("/probe", probe);
    expect(await (await on.request("/probe")).text()).toBe("/probe");
    expect(await (await off.request("/probe")).text()).toBe(new NoActiveContextError().name);
  });

  it("answers OPTIONS by default and not with provideAutomaticOptions: false", async () => {
    const on = new App();
    on.route("/x", () => "x");
    const off = new App({ provideAutomaticOptions: false });
    off.route("/x", () => "x");
    const answered = await on.request("/x", { method: "OPTIONS" });
    expect(answered.status).toBe(204);
    expect(answered.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    const refused = await off.request("/x", { method: "OPTIONS" });
    expect(refused.status).toBe(405);
    expect(refused.headers.get("allow")).toBe("GET, HEAD");
  });

  it("sends background failures to onBackgroundError, and to logger.error without one", async () => {
    const onBackgroundError = vi.fn();
    const withHandler = new App({ onBackgroundError });
    const logger = silentLogger();
    const withLogger = new App({ logger });
    for (const app of [withHandler, withLogger]) {
      app.route("/", (ctx) => {
        ctx.waitUntil(Promise.reject(new Error("late failure")));
        return "ok";
      });
      await app.request("/");
      await app.close();
    }
    expect(onBackgroundError).toHaveBeenCalledWith(expect.objectContaining({ message: "late failure" }), expect.objectContaining({ path: "/" }));
    expect(logger.error).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ message: "late failure" }));
  });

  it("refuses an unknown option with a TypeError naming it", () => {
    expect(() => new App({ bodylimit: 10 } as AppOptions)).toThrow(TypeError);
    expect(() => new App({ bodylimit: 10 } as AppOptions)).toThrow(/unknown option "bodylimit"/);
  });

  it("refuses options that are not an object", () => {
    expect(() => new App(null as unknown as AppOptions)).toThrow(TypeError);
    expect(() => new App("fast" as unknown as AppOptions)).toThrow(TypeError);
  });

  it.each([
    ["container", {}],
    ["dispatcher", { call: () => undefined }],
    ["asyncContext", "yes"],
    ["bodyLimit", -1],
    ["bodyLimit", 1.5],
    ["bodyLimit", "1mb"],
    ["shutdownTimeout", -1],
    ["shutdownTimeout", Number.NaN],
    ["onBackgroundError", "log"],
    ["provideAutomaticOptions", 1],
    ["logger", { error: () => undefined }],
  ])("refuses %s = %j with a TypeError naming the option", (name, value) => {
    const make = () => new App({ [name]: value } as AppOptions);
    expect(make).toThrow(TypeError);
    expect(make).toThrow(`new App({ ${name} })`);
  });
});
