import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { App, ConfigurationError, MethodView, View, get, post, type Handler, type RequestContext } from "../../src/index.js";

/** A view function carrying `methods`, as Flask lets a function declare them. */
function withMethods(fn: Handler, methods: unknown): Handler {
  return Object.assign(fn, { methods });
}

function methodsOf(app: App, endpoint: string): string[] | undefined {
  return app.routes().find((route) => route.endpoint === endpoint)?.methods;
}

describe("app.addUrlRule()", () => {
  it("serves GET only by default, with HEAD and OPTIONS added", async () => {
    const app = new App();
    app.addUrlRule("/", { viewFunc: function index() { return "index"; } });
    expect(app.routes()).toEqual([{ rule: "/", methods: ["GET", "HEAD", "OPTIONS"], endpoint: "index" }]);
    expect(await (await app.request("/")).text()).toBe("index");
    expect((await app.request("/", { method: "POST" })).status).toBe(405);
  });

  it("takes the methods from the argument before the view function's own", async () => {
    const app = new App();
    const viewFunc = withMethods(function save() { return "saved"; }, ["POST"]);
    app.addUrlRule("/save", { viewFunc, methods: ["put"] });
    expect(methodsOf(app, "save")).toEqual(["PUT", "OPTIONS"]);
    expect((await app.request("/save", { method: "PUT" })).status).toBe(200);
    expect((await app.request("/save", { method: "POST" })).status).toBe(405);
  });

  it("takes the view function's methods when the argument has none", async () => {
    const app = new App();
    app.addUrlRule("/save", { viewFunc: withMethods(function save() { return "saved"; }, ["POST"]) });
    expect(methodsOf(app, "save")).toEqual(["POST", "OPTIONS"]);
    expect((await app.request("/save", { method: "POST" })).status).toBe(200);
    expect((await app.request("/save")).status).toBe(405);
  });

  it("refuses methods given as a string, in the argument or on the function", () => {
    const app = new App();
    expect(() => app.addUrlRule("/a", { viewFunc: function a() { return 1; }, methods: "GET" as unknown as string[] })).toThrow(TypeError);
    expect(() => app.addUrlRule("/b", { viewFunc: withMethods(function b() { return 1; }, "POST") })).toThrow(/methods must be an array/);
    expect(() => app.addUrlRule("/c", { viewFunc: function c() { return 1; }, methods: ["GET POST"] })).toThrow(TypeError);
  });

  it("adds HEAD only where GET is served", () => {
    const app = new App();
    app.addUrlRule("/read", { viewFunc: function read() { return 1; }, methods: ["GET", "POST"] });
    app.addUrlRule("/write", { viewFunc: function write() { return 1; }, methods: ["POST", "DELETE"] });
    expect(methodsOf(app, "read")).toEqual(["GET", "HEAD", "POST", "OPTIONS"]);
    expect(methodsOf(app, "write")).not.toContain("HEAD");
  });

  it("adds OPTIONS unless the rule, the view function or the App turns it off", async () => {
    const app = new App();
    app.addUrlRule("/rule-off", { viewFunc: function ruleOff() { return 1; }, provideAutomaticOptions: false });
    app.addUrlRule("/func-off", { viewFunc: Object.assign(function funcOff() { return 1; }, { provideAutomaticOptions: false }) });
    app.addUrlRule("/own", { viewFunc: function own() { return "mine"; }, methods: ["GET", "OPTIONS"] });
    expect(methodsOf(app, "ruleOff")).toEqual(["GET", "HEAD"]);
    expect(methodsOf(app, "funcOff")).toEqual(["GET", "HEAD"]);
    expect((await app.request("/rule-off", { method: "OPTIONS" })).status).toBe(405);
    const own = await app.request("/own", { method: "OPTIONS" });
    expect(own.status).toBe(200);
    expect(await own.text()).toBe("mine");
  });

  it("names the endpoint after viewFunc.viewName, else the function's name", () => {
    class Hello extends View {
      dispatchRequest() {
        return "hello";
      }
    }
    const app = new App();
    app.addUrlRule("/hello", { viewFunc: Hello.asView("greeting") });
    app.addUrlRule("/users", { viewFunc: function listUsers() { return []; } });
    app.addUrlRule("/named", { viewFunc: function ignored() { return 1; }, endpoint: "chosen" });
    expect(app.routes().map((route) => route.endpoint)).toEqual(["greeting", "listUsers", "chosen"]);
  });

  it("refuses a function without a name and without an endpoint", () => {
    const app = new App();
    expect(() => app.addUrlRule("/", { viewFunc: (() => () => 1)() })).toThrow(/pass an endpoint/);
  });

  it("refuses a different function under a taken endpoint, with a TypeError", () => {
    const app = new App();
    app.addUrlRule("/a", { viewFunc: function show() { return "a"; } });
    let error: unknown;
    try {
      app.addUrlRule("/b", { viewFunc: function show() { return "b"; } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe("MV_ENDPOINT_TAKEN");
    expect((error as Error).message).toContain('"show"');
  });

  it("accepts the same function twice under one endpoint", async () => {
    const app = new App();
    function page(ctx: RequestContext) {
      return ctx.path;
    }
    app.addUrlRule("/one", { viewFunc: page });
    app.addUrlRule("/two", { viewFunc: page });
    expect(await (await app.request("/one")).text()).toBe("/one");
    expect(await (await app.request("/two")).text()).toBe("/two");
  });

  it("refuses a rule that does not start with a slash and a viewFunc that is not a function", () => {
    const app = new App();
    expect(() => app.addUrlRule("users", { viewFunc: function users() { return 1; } })).toThrow(TypeError);
    expect(() => app.addUrlRule("/x", { viewFunc: "handler" as unknown as Handler })).toThrow(TypeError);
  });
});

describe("app.route()", () => {
  it("serves a sync function and an async function", async () => {
    const app = new App();
    app.route("/sync", () => ({ kind: "sync" }));
    app.route("/async", async () => {
      await Promise.resolve();
      return { kind: "async" };
    });
    expect(await (await app.request("/sync")).json()).toEqual({ kind: "sync" });
    expect(await (await app.request("/async")).json()).toEqual({ kind: "async" });
  });

  it("takes methods and an endpoint", async () => {
    const app = new App();
    app.route("/items", async (ctx) => [await ctx.json(), 201], { methods: ["POST"], endpoint: "create" });
    const created = await app.request("/items", { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ a: 1 });
    expect(app.routes()).toEqual([{ rule: "/items", methods: ["POST", "OPTIONS"], endpoint: "create" }]);
  });

  it("names the endpoint after the function, or the rule for an anonymous one", () => {
    const app = new App();
    app.route("/named", function named() { return 1; });
    app.route("/anonymous", (() => () => 1)());
    expect(app.routes().map((route) => route.endpoint)).toEqual(["named", "/anonymous"]);
  });

  it("refuses a handler that is not a function", () => {
    expect(() => new App().route("/", "hello" as unknown as Handler)).toThrow(TypeError);
  });
});

describe("app.register()", () => {
  class Users extends MethodView {
    get() {
      return [{ id: "1" }];
    }
    post() {
      return ["created", 201];
    }
    @get("/:id") show(ctx: RequestContext) {
      return { id: ctx.params.id };
    }
    @post("/:id/avatar") upload(ctx: RequestContext) {
      return `avatar of ${ctx.params.id}`;
    }
  }

  it("mounts a MethodView with all its sub-paths, endpoints name and name/sub-path", async () => {
    const app = new App();
    app.register("/users", Users, { name: "users" });
    expect(app.routes()).toEqual([
      { rule: "/users", methods: ["GET", "HEAD", "POST", "OPTIONS"], endpoint: "users" },
      { rule: "/users/:id", methods: ["GET", "HEAD", "OPTIONS"], endpoint: "users/:id" },
      { rule: "/users/:id/avatar", methods: ["POST", "OPTIONS"], endpoint: "users/:id/avatar" },
    ]);
    expect(await (await app.request("/users")).json()).toEqual([{ id: "1" }]);
    expect((await app.request("/users", { method: "POST" })).status).toBe(201);
    expect(await (await app.request("/users/7")).json()).toEqual({ id: "7" });
    expect(await (await app.request("/users/7/avatar", { method: "POST" })).text()).toBe("avatar of 7");
  });

  it("names the endpoints after the class by default", () => {
    const app = new App();
    app.register("/people", Users);
    expect(app.routes().map((route) => route.endpoint)).toEqual(["Users", "Users/:id", "Users/:id/avatar"]);
  });

  it("mounts a plain View at the prefix, with its methods", async () => {
    class Echo extends View {
      static override methods = ["GET", "POST"];
      dispatchRequest(ctx: RequestContext) {
        return `${ctx.method} echo`;
      }
    }
    const app = new App();
    app.register("/echo", Echo, { name: "echo" });
    expect(app.routes()).toEqual([{ rule: "/echo", methods: ["GET", "HEAD", "POST", "OPTIONS"], endpoint: "echo" }]);
    expect(await (await app.request("/echo", { method: "POST" })).text()).toBe("POST echo");
  });

  it("passes classArgs to the constructor", async () => {
    class Greeter extends MethodView {
      constructor(private readonly greeting: string) {
        super();
      }
      get() {
        return this.greeting;
      }
    }
    const app = new App();
    app.register("/greet", Greeter, { classArgs: ["bonjour"] });
    expect(await (await app.request("/greet")).text()).toBe("bonjour");
  });

  it("refuses a class that is not a View and classArgs that are not an array", () => {
    const app = new App();
    class NotAView {}
    expect(() => app.register("/x", NotAView as never)).toThrow(TypeError);
    expect(() => app.register("/x", Users, { classArgs: "a" as never })).toThrow(TypeError);
  });

  it("refuses a MethodView without handlers", () => {
    class Empty extends MethodView {}
    expect(() => new App().register("/empty", Empty)).toThrow(ConfigurationError);
  });
});
