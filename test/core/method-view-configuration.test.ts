import { describe, expect, it } from "vitest";
import { ConfigurationError, MethodView, get, post } from "../../src/index.js";
import { methodViewFunction } from "../../src/host/index.js";

/** Runs `fn` and returns the ConfigurationError it throws. */
function configurationError(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("MethodView.asView() configuration errors", () => {
  it("throws MV_NO_HANDLER, naming the class and method, for a listed method without a handler", () => {
    class Lister extends MethodView {
      static override methods = ["GET", "POST"];
      get() { return []; }
    }
    const error = configurationError(() => Lister.asView("lister"));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe("MV_NO_HANDLER");
    expect(error.message).toMatch(/^Lister lists POST in its methods but has no handler for it/);
  });

  it("accepts listed HEAD and OPTIONS without handlers of their own", () => {
    class Lister extends MethodView {
      static override methods = ["GET", "HEAD", "OPTIONS"];
      get() { return []; }
    }
    expect(Lister.asView("lister").methods).toEqual(["GET"]);
  });

  it("throws MV_DUPLICATE_HANDLER for two decorated handlers of one method and path", () => {
    class Twice extends MethodView {
      @get list() { return []; }
      @get all() { return []; }
    }
    const error = configurationError(() => Twice.asView("twice"));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe("MV_DUPLICATE_HANDLER");
    expect(error.message).toBe("Twice: GET / is handled by both list() and all()");
  });

  it("throws MV_DUPLICATE_HANDLER for a named and a decorated handler of one method", () => {
    class Clash extends MethodView {
      post() { return 1; }
      @post create() { return 2; }
    }
    expect(configurationError(() => Clash.asView("clash")).code).toBe("MV_DUPLICATE_HANDLER");
  });

  it("throws MV_DUPLICATE_HANDLER on a sub-path too, naming it", () => {
    class Twice extends MethodView {
      @get("/:id") show() { return 1; }
      @get("/:id") display() { return 2; }
    }
    expect(configurationError(() => Twice.asView("twice")).message).toMatch(/GET \/:id/);
  });

  it("allows one method on different paths", () => {
    class Paths extends MethodView {
      @get list() { return "list"; }
      @get("/:id") show() { return "show"; }
    }
    expect(Paths.asView("paths").methods).toEqual(["GET"]);
  });

  it("throws MV_NO_HANDLER when the class has no handler at its root", () => {
    class OnlySub extends MethodView {
      @get("/:id") show() { return 1; }
    }
    const error = configurationError(() => OnlySub.asView("only-sub"));
    expect(error.code).toBe("MV_NO_HANDLER");
    expect(error.message).toMatch(/^OnlySub has no handler for the path "\/" \(its paths: "\/:id"\)/);
  });

  it("throws MV_NO_HANDLER from methodViewFunction() for a path with no handler", () => {
    class Root extends MethodView {
      get() { return 1; }
    }
    expect(configurationError(() => methodViewFunction(Root, "root", "/missing", [])).code).toBe("MV_NO_HANDLER");
  });

  it("rejects an empty view name", () => {
    class Root extends MethodView {
      get() { return 1; }
    }
    expect(() => Root.asView("")).toThrow(/Root\.asView\(name\)/);
  });
});
