import { describe, expect, it } from "vitest";
import { MethodNotAllowed, MethodView, ViewResponse, get, post, type RequestContext } from "../../src/index.js";
import { makeContext } from "../helpers/fake-context.js";

class Everything extends MethodView {
  get() { return "get"; }
  post() { return "post"; }
  put() { return "put"; }
  patch() { return "patch"; }
  delete() { return "delete"; }
  head() { return "head"; }
  options() { return "options"; }
  trace() { return "trace"; }
}

class Items extends MethodView {
  get(ctx: RequestContext) { return `list via ${ctx.method}`; }
  post() { return "created"; }
}

/** Runs `fn` and returns the MethodNotAllowed it throws. */
function notAllowed(fn: () => unknown): MethodNotAllowed {
  try {
    fn();
  } catch (error) {
    if (error instanceof MethodNotAllowed) return error;
    throw error;
  }
  throw new Error("expected a MethodNotAllowed");
}

describe("MethodView.asView()", () => {
  it("finds handlers by name for every standard method", () => {
    const view = Everything.asView("everything");
    expect(view.methods).toEqual(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]);
    for (const method of view.methods) {
      expect(view(makeContext(method))).toBe(method.toLowerCase());
    }
  });

  it("ignores methods whose name is not a handler name", () => {
    class WithHelper extends MethodView {
      get() { return this.helper(); }
      helper() { return "helped"; }
    }
    const view = WithHelper.asView("helper");
    expect(view.methods).toEqual(["GET"]);
    expect(view(makeContext("GET"))).toBe("helped");
  });

  it("finds handlers by decorator and by name together", () => {
    class Mixed extends MethodView {
      get() { return "named get"; }
      @post create() { return "decorated post"; }
    }
    const view = Mixed.asView("mixed");
    expect(view.methods).toEqual(["GET", "POST"]);
    expect(view(makeContext("GET"))).toBe("named get");
    expect(view(makeContext("POST"))).toBe("decorated post");
  });

  it("binds this to the instance", () => {
    class Counter extends MethodView {
      private readonly prefix = "count";
      @get read() { return `${this.prefix}:${this.constructor.name}`; }
    }
    expect(Counter.asView("counter")(makeContext("GET"))).toBe("count:Counter");
  });

  it("answers a method it does not serve with MethodNotAllowed listing what it allows", () => {
    const view = Items.asView("items");
    const error = notAllowed(() => view(makeContext("DELETE")));
    expect(error.status).toBe(405);
    expect(error.allow).toEqual(["GET", "HEAD", "POST", "OPTIONS"]);
    expect(error.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
  });

  it("runs the GET handler for HEAD when there is no head handler", () => {
    expect(Items.asView("items")(makeContext("HEAD"))).toBe("list via HEAD");
  });

  it("runs an explicit head handler rather than GET", () => {
    class WithHead extends Items {
      head() { return "head only"; }
    }
    expect(WithHead.asView("with-head")(makeContext("HEAD"))).toBe("head only");
  });

  it("answers OPTIONS automatically with 204 and Allow listing every method", () => {
    const view = Items.asView("items");
    expect(view.provideAutomaticOptions).toBe(true);
    const response = view(makeContext("OPTIONS"));
    expect(response).toBeInstanceOf(ViewResponse);
    const { status, body } = response as ViewResponse;
    expect(status).toBe(204);
    expect(body).toBeNull();
    expect((response as ViewResponse).getHeader("allow")).toBe("GET, HEAD, POST, OPTIONS");
  });

  it("lets an explicit options handler win over the automatic answer", () => {
    class WithOptions extends Items {
      options() { return "custom options"; }
    }
    const view = WithOptions.asView("with-options");
    expect(view.provideAutomaticOptions).toBe(false);
    expect(view.methods).toContain("OPTIONS");
    expect(view(makeContext("OPTIONS"))).toBe("custom options");
  });

  it("answers OPTIONS with 405 when provideAutomaticOptions is false", () => {
    class Quiet extends Items {
      static override provideAutomaticOptions = false;
    }
    const view = Quiet.asView("quiet");
    expect(view.provideAutomaticOptions).toBe(false);
    const error = notAllowed(() => view(makeContext("OPTIONS")));
    expect(error.allow).toEqual(["GET", "HEAD", "POST"]);
  });

  it("lets the dispatched handler be async", async () => {
    class Slow extends MethodView {
      async get() {
        await Promise.resolve();
        return "slow";
      }
    }
    const result = Slow.asView("slow")(makeContext("GET"));
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe("slow");
  });

  it("instantiates the class found in viewFunction.viewClass at request time", () => {
    class Stubbed extends Items {
      override get() { return "stubbed"; }
    }
    const view = Items.asView("items");
    view.viewClass = Stubbed;
    expect(view(makeContext("GET"))).toBe("stubbed");
  });

  it("passes classArgs to the constructor", () => {
    class Named extends MethodView {
      constructor(private readonly label: string) { super(); }
      get() { return this.label; }
    }
    expect(Named.asView("named", "hello")(makeContext("GET"))).toBe("hello");
  });
});
