import { describe, expect, it } from "vitest";
import { App } from "../../src/index.js";

describe("new App({ bodyTimeout })", () => {
  it("defaults to 30 s, accepts 0 (off), and refuses anything but a number of milliseconds with a TypeError", () => {
    expect(new App().bodyTimeout).toBe(30_000);
    expect(new App({ bodyTimeout: 0 }).bodyTimeout).toBe(0);
    expect(() => new App({ bodyTimeout: -1 })).toThrow(/bodyTimeout/);
    expect(() => new App({ bodyTimeout: "30s" as unknown as number })).toThrow(TypeError);
  });

  it("answers a body that never ends with a 408 problem+json on app.request()", async () => {
    const app = new App({ bodyTimeout: 50, logger: { error: () => undefined, warn: () => undefined } });
    app.route("/echo", async (ctx) => ctx.text(), { methods: ["POST"] });
    const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode("a")) });
    const res = await app.request("/echo", { method: "POST", body, duplex: "half" } as RequestInit);
    expect([res.status, res.headers.get("content-type")]).toEqual([408, "application/problem+json"]);
    expect(await res.json()).toMatchObject({ code: "MV_REQUEST_TIMEOUT", detail: "The request body did not arrive within 50 ms" });
  });
});
