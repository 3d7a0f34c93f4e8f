import { describe, expect, it } from "vitest";
import { App } from "../../src/index.js";
import { deferred, servers, silentLogger } from "./support.js";

const serve = servers();

describe("new App({ handlerTimeout })", () => {
  it("answers 503 problem+json and aborts ctx.signal when a handler never finishes", async () => {
    const aborted = deferred<string>();
    const teardown = deferred<unknown>();
    const app = new App({ handlerTimeout: 50, shutdownTimeout: 200, logger: silentLogger() });
    app.route("/forever", (ctx) => {
      ctx.signal.addEventListener("abort", () => aborted.resolve((ctx.signal.reason as DOMException).name));
      return new Promise(() => undefined);
    });
    app.route("/late", async (ctx) => {
      await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve));
      return "dropped";
    });
    app.teardownRequest((error) => teardown.resolve(error));
    const { url } = await serve.listen(app);

    const res = await fetch(`${url}/forever`);
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 503, code: "MV_SERVICE_UNAVAILABLE" });
    expect(await aborted.promise).toBe("TimeoutError");

    // The later result of a handler that does finish is dropped, and teardown still runs.
    const late = await fetch(`${url}/late`);
    expect(late.status).toBe(503);
    expect(await teardown.promise).toBeUndefined();
    expect((await fetch(`${url}/late`)).status).toBe(503);
  });

  it("is off by default and leaves sync handlers alone", async () => {
    const app = new App({ handlerTimeout: 1 });
    app.route("/sync", () => "fast");
    const slow = new App();
    slow.route("/slow", async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return "slow but fine";
    });
    expect(await (await app.request("/sync")).text()).toBe("fast");
    expect(await (await slow.request("/slow")).text()).toBe("slow but fine");
  });

  it("refuses a negative or non-numeric limit", () => {
    expect(() => new App({ handlerTimeout: -1 })).toThrow(/handlerTimeout/);
    expect(() => new App({ handlerTimeout: "1s" as unknown as number })).toThrow(TypeError);
  });
});
