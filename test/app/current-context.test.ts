import { describe, expect, it } from "vitest";
import { App, NoActiveContextError, currentContext } from "../../src/index.js";
import { sleep } from "./support.js";

/** Code far below a handler that knows nothing of the request but its id. */
async function deepInTheCallStack(): Promise<string | null> {
  await sleep(1);
  await Promise.resolve();
  return currentContext().headers.get("x-request-id");
}

function contextOrError(): string {
  try {
    return currentContext().path;
  } catch (error) {
    return error instanceof NoActiveContextError ? `${error.name} (${error.code})` : String(error);
  }
}

describe("currentContext()", () => {
  it("returns the handler's context below it, across awaits and timers", async () => {
    const app = new App();
    app.route("/", async (ctx) => {
      const id = await deepInTheCallStack();
      return { id, same: currentContext() === ctx };
    });
    const response = await app.request("/", { headers: { "x-request-id": "r-1" } });
    expect(await response.json()).toEqual({ id: "r-1", same: true });
  });

  it("works in every hook and in an error handler", async () => {
    const app = new App();
    const seen: string[] = [];
    app.route("/fails", () => {
      throw new Error("boom");
    });
    app.beforeRequest(async () => void seen.push(`before ${await deepInTheCallStack()}`));
    app.afterRequest(() => void seen.push(`after ${currentContext().path}`));
    app.teardownRequest(async () => void seen.push(`teardown ${await deepInTheCallStack()}`));
    app.errorHandler(500, () => {
      seen.push(`error handler ${currentContext().path}`);
      return ["handled", 500];
    });
    await app.request("/fails", { headers: { "x-request-id": "r-2" } });
    expect(seen).toEqual(["before r-2", "error handler /fails", "after /fails", "teardown r-2"]);
  });

  it("works in a background task and in waitUntil work started by a handler", async () => {
    const app = new App();
    const seen: (string | null)[] = [];
    app.route("/", (ctx) => {
      app.addBackgroundTask(async () => void seen.push(`task ${await deepInTheCallStack()}`));
      ctx.waitUntil((async () => void seen.push(`waitUntil ${await deepInTheCallStack()}`))());
      return "ok";
    });
    await app.request("/", { headers: { "x-request-id": "r-3" } });
    await app.close();
    expect(seen.sort()).toEqual(["task r-3", "waitUntil r-3"]);
  });

  it("keeps concurrent requests apart", async () => {
    const app = new App();
    app.route("/:n", async (ctx) => {
      await sleep(Number(ctx.params.n));
      return currentContext().params.n ?? "none";
    });
    const bodies = await Promise.all(["5", "0", "3", "1"].map(async (n) => (await app.request(`/${n}`)).text()));
    expect(bodies).toEqual(["5", "0", "3", "1"]);
  });

  it("throws NoActiveContextError outside a request, before and after one", async () => {
    expect(contextOrError()).toBe("NoActiveContextError (MV_NO_ACTIVE_CONTEXT)");
    const app = new App();
    app.route("/", () => contextOrError());
    expect(await (await app.request("/")).text()).toBe("/");
    expect(() => currentContext()).toThrow(NoActiveContextError);
  });

  it("throws NoActiveContextError in handlers, hooks and tasks of an App with asyncContext: false", async () => {
    const app = new App({ asyncContext: false });
    const seen: string[] = [];
    app.beforeRequest(() => void seen.push(`before: ${contextOrError()}`));
    app.route("/", () => {
      app.addBackgroundTask(() => void seen.push(`task: ${contextOrError()}`));
      return contextOrError();
    });
    const body = await (await app.request("/")).text();
    await app.close();
    expect(body).toBe("NoActiveContextError (MV_NO_ACTIVE_CONTEXT)");
    expect(seen).toEqual(["before: NoActiveContextError (MV_NO_ACTIVE_CONTEXT)", "task: NoActiveContextError (MV_NO_ACTIVE_CONTEXT)"]);
  });
});
