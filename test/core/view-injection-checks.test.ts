import "reflect-metadata";
import * as tsyringe from "tsyringe";
import ts from "typescript";
import { afterEach, describe, expect, it } from "vitest";
import * as lib from "../../src/index.js";

// Each fixture is compiled here, in the mode a user's toolchain would use, and evaluated
// with the real library and tsyringe bound to free names: what tsx/esbuild (legacy
// decorators, no metadata), standard decorators and tsc/swc (with metadata) produce.
const PRELUDE = `
class Repo { find() { return "found"; } }
const REPO = "repo";
const LABEL = "label";
`;

interface Mode {
  experimentalDecorators: boolean;
  emitDecoratorMetadata: boolean;
}
const METADATA: Mode = { experimentalDecorators: true, emitDecoratorMetadata: true };
const NO_METADATA: Mode = { experimentalDecorators: true, emitDecoratorMetadata: false };
const STANDARD: Mode = { experimentalDecorators: false, emitDecoratorMetadata: false };

interface Defined {
  Items: lib.ViewClass;
  Repo: new () => unknown;
  WithArgs: lib.ViewClass;
}

function define(source: string, mode: Mode): Defined {
  const { outputText } = ts.transpileModule(`${PRELUDE}${source}`, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, ...mode },
  });
  const evaluate = new Function(
    "lib",
    "tsyringe",
    `const { MethodView } = lib; const { injectable, inject } = tsyringe;\n${outputText}\nreturn { Items, Repo, WithArgs: typeof WithArgs === "undefined" ? undefined : WithArgs };`,
  );
  return evaluate(lib, tsyringe) as Defined;
}

afterEach(() => {
  tsyringe.container.reset();
});

const FIXES = /Items: the container cannot build this view.*emitDecoratorMetadata.*tsc or swc.*@inject\(token\).*classArgs/s;

describe("app.register() of a view whose constructor takes dependencies", () => {
  it.each([
    ["standard decorators", STANDARD],
    ["legacy decorators without metadata (tsx, esbuild)", NO_METADATA],
  ])("throws at mount, naming the class and the fixes, under %s", (_, mode) => {
    const { Items } = define(
      `class Items extends MethodView {
        constructor(repo) { super(); this.repo = repo; }
        get() { return this.repo.find(); }
      }`.replace("constructor(repo)", mode === STANDARD ? "constructor(repo)" : "constructor(repo: Repo)"),
      mode,
    );
    expect(() => new lib.App().register("/items", Items)).toThrow(TypeError);
    expect(() => new lib.App().register("/items", Items)).toThrow(FIXES);
    expect(() => (Items as unknown as typeof lib.MethodView).asView("items")).toThrow(FIXES);
  });

  it("throws at mount when a parameter's type is an interface and it has no @inject()", () => {
    const { Items } = define(
      `interface Store { find(): string }
      @injectable()
      class Items extends MethodView {
        constructor(private readonly store: Store) { super(); }
        get() { return this.store.find(); }
      }`,
      METADATA,
    );
    expect(() => new lib.App().register("/items", Items)).toThrow(/parameter 1 is typed as Object/);
  });

  it("works without metadata when every parameter names its token with @inject()", async () => {
    const { Items, Repo } = define(
      `@injectable()
      class Items extends MethodView {
        constructor(@inject(REPO) private readonly repo: Repo) { super(); }
        get() { return this.repo.find(); }
      }`,
      NO_METADATA,
    );
    const app = new lib.App();
    app.container.register("repo", { useValue: new Repo() });
    app.register("/items", Items);
    const response = await app.request("/items");
    expect({ status: response.status, body: await response.text() }).toEqual({ status: 200, body: "found" });
  });

  it("builds a subclass that lacks @injectable() with its parent's dependencies, not undefined", async () => {
    const { Items } = define(
      `@injectable()
      class Base extends MethodView {
        constructor(readonly repo: Repo, @inject(LABEL) readonly label: string) { super(); }
      }
      class Items extends Base {
        get() { return this.repo.find() + " by " + this.label; }
      }`,
      METADATA,
    );
    const app = new lib.App();
    app.container.register("label", { useValue: "label" });
    app.register("/items", Items);
    const response = await app.request("/items");
    expect({ status: response.status, body: await response.text() }).toEqual({ status: 200, body: "found by label" });
  });

  it("lets classArgs and a constructor of no parameters through, under standard decorators", async () => {
    const { Items, Repo, WithArgs } = define(
      `class Base extends MethodView { constructor(repo) { super(); this.repo = repo; } }
      class Items extends Base {
        constructor() { super(new Repo()); }
        get() { return this.repo.find(); }
      }
      class WithArgs extends Base { get() { return "args " + this.repo.find(); } }`,
      STANDARD,
    );
    const app = new lib.App();
    app.register("/items", Items);
    app.register("/with-args", WithArgs, { classArgs: [new Repo()] });
    expect(await (await app.request("/items")).text()).toBe("found");
    expect(await (await app.request("/with-args")).text()).toBe("args found");
  });
});

describe("View.asView() of a decorated view whose parameters have defaults", () => {
  it("keeps the defaults: nothing to inject, nothing refused", async () => {
    const { Items } = define(
      `function tagged(target: unknown) { return target as never; }
      @tagged
      class Items extends MethodView {
        constructor(private readonly greeting: string = "hello") { super(); }
        get() { return this.greeting; }
      }`,
      METADATA,
    );
    const app = new lib.App();
    app.register("/items", Items);
    expect(await (await app.request("/items")).text()).toBe("hello");
  });
});
