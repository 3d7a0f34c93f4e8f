import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as lib from "../../src/index.js";
import { methodTablesOf, methodViewFunction } from "../../src/host/index.js";
import { makeContext } from "../helpers/fake-context.js";

// The fixture names the library's exports as free variables; `compile` binds them to `lib`,
// so the emitted code has no import to resolve.
const FIXTURE = `
class Items extends MethodView {
  @get list() { return "list"; }
  @get("/:id") show(ctx: RequestContext) { return "show " + ctx.params.id; }
  @post create(ctx: RequestContext) { return "create via " + ctx.method; }
  @route(["PUT", "PROPFIND"], "/:id") other(ctx: RequestContext) { return ctx.method + " " + ctx.params.id; }
}
`;

const MISUSED = {
  "a static method": `class Items extends MethodView { @get static list() { return "list"; } }`,
  "a getter": `class Items extends MethodView { @get get list() { return "list"; } }`,
};

const MODES = [
  { mode: "experimentalDecorators", experimentalDecorators: true },
  { mode: "standard TC39 decorators", experimentalDecorators: false },
];

/** Transpiles `source` in one decorator mode and evaluates it with the real library. */
function compile(source: string, experimentalDecorators: boolean): { code: string; define: () => lib.ViewClass } {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      experimentalDecorators,
    },
  });
  const evaluate = new Function("lib", `const { MethodView, get, post, route } = lib;\n${outputText}\nreturn Items;`);
  return { code: outputText, define: () => evaluate(lib) as lib.ViewClass };
}

describe.each(MODES)("route decorators under $mode", ({ experimentalDecorators }) => {
  it("compiles to the expected kind of decorator code, without imports", () => {
    const { code } = compile(FIXTURE, experimentalDecorators);
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
    expect(code).toContain(experimentalDecorators ? "__decorate(" : "__esDecorate(");
  });

  it("routes the root path", () => {
    const Items = compile(FIXTURE, experimentalDecorators).define();
    const root = methodViewFunction(Items, "items", "", []);
    expect(root.methods).toEqual(["GET", "POST"]);
    expect(root(makeContext("GET"))).toBe("list");
    expect(root(makeContext("POST"))).toBe("create via POST");
  });

  it("routes a sub-path, with @get and @route", () => {
    const Items = compile(FIXTURE, experimentalDecorators).define();
    expect([...methodTablesOf(Items).byPath.keys()]).toEqual(["", "/:id"]);
    const item = methodViewFunction(Items, "item", "/:id", []);
    expect(item.methods).toEqual(["GET", "PUT", "PROPFIND"]);
    expect(item(makeContext("GET", { params: { id: "1" } }))).toBe("show 1");
    expect(item(makeContext("PROPFIND", { params: { id: "2" } }))).toBe("PROPFIND 2");
    expect(item(makeContext("PUT", { params: { id: "3" } }))).toBe("PUT 3");
  });

  it.each(Object.entries(MISUSED))("rejects %s with a TypeError", (_what, source) => {
    const { define } = compile(source, experimentalDecorators);
    expect(define).toThrow(TypeError);
    expect(define).toThrow(/@get decorates/);
  });
});

describe("route decorators in both modes", () => {
  it("give the same method tables", () => {
    const [legacy, standard] = MODES.map(({ experimentalDecorators }) => {
      const tables = methodTablesOf(compile(FIXTURE, experimentalDecorators).define());
      return [...tables.byPath.values()].map(({ path, handlers, allow }) => ({ path, handlers: { ...handlers }, allow }));
    });
    expect(standard).toEqual(legacy);
    expect(legacy?.length).toBe(2);
  });
});
