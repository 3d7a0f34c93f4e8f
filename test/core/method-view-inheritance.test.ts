import { describe, expect, it } from "vitest";
import { MethodNotAllowed, MethodView, del, get, post, type RequestContext } from "../../src/index.js";
import { methodTablesOf } from "../../src/host/index.js";
import { makeContext } from "../helpers/fake-context.js";

// A mixin's base must be a constructor taking any arguments: TypeScript's rule for mixins.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type MethodViewClass = abstract new (...args: any[]) => MethodView;

function WithCreate<B extends MethodViewClass>(Base: B) {
  abstract class Creating extends Base {
    @post create() { return "created by mixin"; }
  }
  return Creating;
}

function WithRemove<B extends MethodViewClass>(Base: B) {
  abstract class Removing extends Base {
    delete() { return "removed by mixin"; }
  }
  return Removing;
}

class Resource extends MethodView {
  get() { return "base get"; }
  post() { return "base post"; }
}

describe("MethodView.asView() and inheritance", () => {
  it("computes methods from inherited handlers", () => {
    class Child extends Resource {
      put() { return "child put"; }
    }
    const view = Child.asView("child");
    expect(view.methods).toEqual(["GET", "POST", "PUT"]);
    expect(view(makeContext("GET"))).toBe("base get");
    expect(view(makeContext("PUT"))).toBe("child put");
  });

  it("composes mixins as multiple inheritance", () => {
    class Composed extends WithCreate(WithRemove(MethodView)) {
      get() { return "own get"; }
    }
    const view = Composed.asView("composed");
    expect(view.methods).toEqual(["GET", "POST", "DELETE"]);
    expect(view(makeContext("GET"))).toBe("own get");
    expect(view(makeContext("POST"))).toBe("created by mixin");
    expect(view(makeContext("DELETE"))).toBe("removed by mixin");
  });

  it("removes a method when a subclass lists its own static methods", () => {
    class ReadOnly extends Resource {
      static override methods = ["GET"];
    }
    const view = ReadOnly.asView("read-only");
    expect(view.methods).toEqual(["GET"]);
    expect(view(makeContext("GET"))).toBe("base get");
    let error: unknown;
    try {
      view(makeContext("POST"));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MethodNotAllowed);
    expect((error as MethodNotAllowed).allow).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect((error as MethodNotAllowed).headers.allow).toBe("GET, HEAD, OPTIONS");
  });

  it("keeps the base route when a subclass overrides a handler without a decorator", () => {
    class Base extends MethodView {
      @get("/:id") show(ctx: RequestContext) { return `base ${ctx.params.id}`; }
      @del remove() { return "base remove"; }
    }
    class Sub extends Base {
      override show(ctx: RequestContext) { return `sub ${ctx.params.id}`; }
      override remove() { return "sub remove"; }
    }
    const tables = methodTablesOf(Sub);
    expect(tables.byPath.get("/:id")?.handlers.GET).toBe("show");
    expect(tables.byPath.get("")?.handlers.DELETE).toBe("remove");
    expect(Sub.asView("sub")(makeContext("DELETE"))).toBe("sub remove");
  });

  it("moves a route when a subclass overrides a handler with another decorator", () => {
    class Base extends MethodView {
      @get list() { return "list"; }
      @post create() { return "create"; }
    }
    class Sub extends Base {
      @get("/all") override list() { return "all"; }
    }
    const tables = methodTablesOf(Sub);
    expect([...tables.byPath.keys()]).toEqual(["", "/all"]);
    expect(tables.byPath.get("")?.methods).toEqual(["POST"]);
    expect(tables.byPath.get("/all")?.methods).toEqual(["GET"]);
  });

  it("lets an override without a decorator take its route back from a class in between", () => {
    class Base extends MethodView {
      @get list() { return "base list"; }
    }
    class Middle extends Base {
      @get all() { return "middle all"; }
    }
    class Sub extends Middle {
      override list() { return "sub list"; }
    }
    expect(Middle.asView("middle")(makeContext("GET"))).toBe("middle all");
    expect(Sub.asView("sub")(makeContext("GET"))).toBe("sub list");
  });

  it("serves a handler a subclass adds below a parent that lists its methods", () => {
    class ReadOnly extends Resource {
      static override methods = ["GET"];
    }
    class Editable extends ReadOnly {
      put() { return "put"; }
    }
    const view = Editable.asView("editable");
    expect(view.methods).toContain("PUT");
    expect(view(makeContext("PUT"))).toBe("put");
  });

  it("lets a subclass's handler win over an inherited one for the same method", () => {
    class Sub extends Resource {
      @get list() { return "sub list"; }
    }
    const view = Sub.asView("sub");
    expect(view(makeContext("GET"))).toBe("sub list");
    expect(view.methods).toEqual(["GET", "POST"]);
  });

  it("keeps each class's tables apart", () => {
    class Sub extends Resource {
      put() { return "put"; }
    }
    expect(Sub.asView("sub").methods).toEqual(["GET", "POST", "PUT"]);
    expect(Resource.asView("resource").methods).toEqual(["GET", "POST"]);
  });
});
