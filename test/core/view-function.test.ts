import { describe, expect, it } from "vitest";
import { MethodView, type Handler, type RequestContext, type ViewDecorator } from "../../src/index.js";
import { makeContext } from "../helpers/fake-context.js";

const tagSync: ViewDecorator = (view: Handler) => (ctx) => `[${String(view(ctx))}]`;
const tagAsync: ViewDecorator = (view: Handler) => async (ctx) => `<${String(await view(ctx))}>`;

class SyncItems extends MethodView {
  get(ctx: RequestContext) { return `sync ${ctx.method}`; }
}

class AsyncItems extends MethodView {
  async get(ctx: RequestContext) { return `async ${ctx.method}`; }
}

describe("a view function's result", () => {
  it("is returned synchronously for a sync handler without decorators", () => {
    const order: string[] = [];
    class Recording extends MethodView {
      get() {
        order.push("handler");
        return "done";
      }
    }
    const result = Recording.asView("recording")(makeContext("GET"));
    order.push("after the call");
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toBe("done");
    expect(order).toEqual(["handler", "after the call"]);
  });

  it("is returned synchronously for a sync handler under sync decorators", () => {
    class Decorated extends SyncItems {
      static override decorators = [tagSync, tagSync];
    }
    const result = Decorated.asView("decorated")(makeContext("GET"));
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toBe("[[sync GET]]");
  });

  it("is a Promise for an async handler", async () => {
    const result = AsyncItems.asView("async")(makeContext("GET"));
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toBe("async GET");
  });

  it("is a Promise for a sync handler under an async decorator", async () => {
    class Decorated extends SyncItems {
      static override decorators = [tagSync, tagAsync];
    }
    const result = Decorated.asView("decorated")(makeContext("GET"));
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toBe("<[sync GET]>");
  });

  it("is a Promise for an async handler under a sync decorator that passes it through", async () => {
    const passThrough: ViewDecorator = (view) => (ctx) => view(ctx);
    class Decorated extends AsyncItems {
      static override decorators = [passThrough];
    }
    const result = Decorated.asView("decorated")(makeContext("GET"));
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toBe("async GET");
  });

  it("carries a sync throw synchronously and an async one as a rejection", async () => {
    class Failing extends MethodView {
      get() { throw new Error("sync failure"); }
      async post() { throw new Error("async failure"); }
    }
    const view = Failing.asView("failing");
    expect(() => view(makeContext("GET"))).toThrow("sync failure");
    await expect(view(makeContext("POST"))).rejects.toThrow("async failure");
  });
});
