import { describe, expect, it } from "vitest";
import {
  MethodView,
  del,
  get,
  head,
  options,
  patch,
  post,
  put,
  route,
  type RequestContext,
} from "../../src/index.js";
import { methodTablesOf, methodViewFunction, normalizeSubPath } from "../../src/host/index.js";
import { makeContext } from "../helpers/fake-context.js";

class Decorated extends MethodView {
  @get list() { return "GET list"; }
  @post create() { return "POST create"; }
  @put replace() { return "PUT replace"; }
  @patch update() { return "PATCH update"; }
  @del remove() { return "DELETE remove"; }
  @head peek() { return "HEAD peek"; }
  @options describe() { return "OPTIONS describe"; }
  @route(["GET", "PROPFIND"], "/:name") find(ctx: RequestContext) { return `${ctx.method} ${ctx.params.name}`; }
}

class Forms extends MethodView {
  @get bare() { return "bare"; }
  @post() called() { return "called"; }
  @get("/:id") show(ctx: RequestContext) { return `show ${ctx.params.id}`; }
  @put("/:id") @patch("/:id") save(ctx: RequestContext) { return `${ctx.method} ${ctx.params.id}`; }
}

describe("@get, @post, @put, @patch, @del, @head, @options and @route", () => {
  it("mark each handler for its method", () => {
    const view = Decorated.asView("decorated");
    expect(view.methods).toEqual(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
    for (const method of view.methods) {
      expect(view(makeContext(method))).toMatch(new RegExp(`^${method} `));
    }
  });

  it("route several or custom methods to one handler, at a sub-path", () => {
    const view = methodViewFunction(Decorated, "find", "/:name", []);
    expect(view.methods).toEqual(["GET", "PROPFIND"]);
    expect(view(makeContext("PROPFIND", { params: { name: "a.txt" } }))).toBe("PROPFIND a.txt");
    expect(view(makeContext("GET", { params: { name: "b.txt" } }))).toBe("GET b.txt");
  });

  it("work bare, called without a path, and called with a sub-path", () => {
    const root = Forms.asView("forms");
    expect(root.methods).toEqual(["GET", "POST"]);
    expect(root(makeContext("GET"))).toBe("bare");
    expect(root(makeContext("POST"))).toBe("called");

    const item = methodViewFunction(Forms, "form", "/:id", []);
    expect(item.methods).toEqual(["GET", "PUT", "PATCH"]);
    expect(item(makeContext("GET", { params: { id: "7" } }))).toBe("show 7");
    expect(item(makeContext("PATCH", { params: { id: "8" } }))).toBe("PATCH 8");
  });

  it("build one method table per path, the root first", () => {
    const tables = methodTablesOf(Forms);
    expect([...tables.byPath.keys()]).toEqual(["", "/:id"]);
    expect(tables.methods).toEqual(["GET", "POST", "PUT", "PATCH"]);
    const item = tables.byPath.get("/:id");
    expect(item?.handlers).toMatchObject({ GET: "show", HEAD: "show", PUT: "save", PATCH: "save" });
    expect(item?.allow).toEqual(["GET", "HEAD", "PUT", "PATCH", "OPTIONS"]);
    expect(methodTablesOf(Forms)).toBe(tables);
  });

  it("answer OPTIONS on a sub-path with that path's methods only", () => {
    const item = methodViewFunction(Forms, "form", "/:id", []);
    const response = item(makeContext("OPTIONS")) as { getHeader(name: string): string | undefined };
    expect(response.getHeader("allow")).toBe("GET, HEAD, PUT, PATCH, OPTIONS");
  });

  it("store sub-paths with one leading slash, the root as an empty string", () => {
    expect(normalizeSubPath("", "@get")).toBe("");
    expect(normalizeSubPath("/", "@get")).toBe("");
    expect(normalizeSubPath(":id", "@get")).toBe("/:id");
    expect(normalizeSubPath("/:id", "@get")).toBe("/:id");
    class NoSlash extends MethodView {
      @get(":id") show() { return "shown"; }
    }
    expect(methodViewFunction(NoSlash, "x", "/:id", [])(makeContext("GET"))).toBe("shown");
  });

  it("reject a sub-path that is not a string, naming the decorator", () => {
    expect(() => get(42 as unknown as string)).toThrow(/@get: the sub-path must be a string/);
  });

  it("reject @route methods that are not method names", () => {
    expect(() => route("GET" as unknown as string[])).toThrow(TypeError);
    expect(() => route(["GET", "NOT A METHOD"])).toThrow(/@route: "NOT A METHOD" is not an HTTP method name/);
  });

  it("upper-case @route methods", () => {
    class Lower extends MethodView {
      @route(["get", "report"]) any(ctx: RequestContext) { return ctx.method; }
    }
    expect(Lower.asView("lower").methods).toEqual(["GET", "REPORT"]);
  });

  it("throw a TypeError on a static method", () => {
    expect(() => {
      class Static extends MethodView {
        @get static list() { return []; }
      }
      return Static;
    }).toThrow(/@get decorates instance methods, not the static list/);
  });

  it("throw a TypeError on a getter", () => {
    expect(() => {
      class Getter extends MethodView {
        @post("/x") get value() { return 1; }
      }
      return Getter;
    }).toThrow(/@post decorates methods; value is not one/);
  });
});
