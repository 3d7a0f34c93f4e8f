import { beforeEach, describe, expect, it } from "vitest";
import { App, redirect } from "../../src/index.js";
import { httpRequest, servers, silentLogger, type SilentLogger } from "./support.js";

const serve = servers();
let url: string;
let logger: SilentLogger;

async function* countdown() {
  for (const n of ["3", "2", "1"]) {
    await Promise.resolve();
    yield `${n}\n`;
  }
  yield new TextEncoder().encode("liftoff");
}

beforeEach(async () => {
  logger = silentLogger();
  const app = new App({ logger });
  app.route("/tuple", () => ["created", 201, { "x-id": "7", "set-cookie": ["a=1", "b=2"] }]);
  app.route("/json-tuple", () => [{ id: 7 }, 202]);
  app.route("/response", () => new Response("made by hand", { status: 203, headers: { "x-by": "hand" } }));
  app.route("/iterable", () => countdown());
  app.route("/stream", () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("chunk 1, "));
        controller.enqueue(new TextEncoder().encode("chunk 2"));
        controller.close();
      },
    }),
  );
  app.route("/broken-stream", () =>
    (async function* () {
      yield "partial";
      throw new Error("the source broke");
    })(),
  );
  app.route("/redirect", () => redirect("/tuple"));
  app.route("/moved", () => redirect("https://example.test/new", 301));
  app.route("/empty", () => undefined);
  ({ url } = await serve.listen(app));
});

describe("responses over HTTP", () => {
  it("sends a [body, status, headers] tuple, repeated headers included", async () => {
    const response = await fetch(`${url}/tuple`);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-id")).toBe("7");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await response.text()).toBe("created");
  });

  it("sends a [data, status] tuple as JSON", async () => {
    const response = await fetch(`${url}/json-tuple`);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ id: 7 });
  });

  it("sends a returned Response as it is", async () => {
    const response = await fetch(`${url}/response`);
    expect(response.status).toBe(203);
    expect(response.headers.get("x-by")).toBe("hand");
    expect(await response.text()).toBe("made by hand");
  });

  it("streams an async iterable of strings and bytes", async () => {
    const response = await httpRequest(`${url}/iterable`);
    expect(response.status).toBe(200);
    expect(response.headers["transfer-encoding"]).toBe("chunked");
    expect(response.headers["content-length"]).toBeUndefined();
    expect(response.body).toBe("3\n2\n1\nliftoff");
  });

  it("streams a ReadableStream", async () => {
    const response = await fetch(`${url}/stream`);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(await response.text()).toBe("chunk 1, chunk 2");
  });

  it("cuts the response of a stream that fails, logs it, and keeps serving", async () => {
    await expect(httpRequest(`${url}/broken-stream`)).rejects.toThrow();
    expect(logger.error).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ message: "the source broke" }));
    expect((await fetch(`${url}/tuple`)).status).toBe(201);
  });

  it("sends a redirect, 302 by default", async () => {
    const found = await fetch(`${url}/redirect`, { redirect: "manual" });
    expect(found.status).toBe(302);
    expect(found.headers.get("location")).toBe("/tuple");
    const moved = await fetch(`${url}/moved`, { redirect: "manual" });
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe("https://example.test/new");
    const followed = await fetch(`${url}/redirect`);
    expect(await followed.text()).toBe("created");
  });

  it("sends undefined as a 204 without a body", async () => {
    const response = await httpRequest(`${url}/empty`);
    expect(response.status).toBe(204);
    expect(response.body).toBe("");
  });
});
