import { describe, expect, it } from "vitest";
import { App, Blueprint, MethodView, NotFound, type RequestContext } from "../../src/index.js";
import { silentLogger } from "./support.js";

const text = async (app: App, path: string, init?: RequestInit) => (await app.request(path, init)).text();

describe("Blueprint", () => {
  it("runs hooks in Flask's order: the App's before hooks then the blueprint's; after and teardown inner first", async () => {
    const log: string[] = [];
    const bp = new Blueprint("bp", { urlPrefix: "/bp" });
    bp.beforeRequest(() => void log.push("bp before"));
    bp.afterRequest(() => void log.push("bp after 1"));
    bp.afterRequest(async () => void log.push("bp after 2"));
    bp.teardownRequest(() => void log.push("bp teardown"));
    bp.get("/x", () => {
      log.push("view");
      return "x";
    }, { endpoint: "x" });
    const app = new App({ logger: silentLogger() });
    app.beforeRequest(() => void log.push("app before"));
    app.afterRequest(() => void log.push("app after"));
    app.teardownRequest(() => void log.push("app teardown"));
    app.registerBlueprint(bp);
    app.get("/plain", () => "plain");
    expect(await text(app, "/bp/x")).toBe("x");
    expect(log).toEqual(["app before", "bp before", "view", "bp after 2", "bp after 1", "app after", "bp teardown", "app teardown"]);
    log.length = 0;
    await text(app, "/plain");
    expect(log).toEqual(["app before", "app after", "app teardown"]);
  });

  it("applies the blueprint's error handlers to its rules only, before the App's; the App's handle the rest", async () => {
    const bp = new Blueprint("api");
    bp.errorHandler(NotFound, () => ["api 404", 404]);
    bp.get("/api/missing", () => {
      throw new NotFound();
    }, { endpoint: "missing" });
    const app = new App({ logger: silentLogger() });
    app.errorHandler(404, () => ["app 404", 404]);
    app.registerBlueprint(bp);
    expect(await text(app, "/api/missing")).toBe("api 404");
    expect(await text(app, "/nowhere")).toBe("app 404");
  });

  it("declares app-wide hooks and error handlers from a blueprint, once even when registered twice", async () => {
    const calls: string[] = [];
    const bp = new Blueprint("auth");
    bp.beforeAppRequest(() => void calls.push("before"));
    bp.afterAppRequest((response) => void response.setHeader("x-auth", "1"));
    bp.teardownAppRequest(() => void calls.push("teardown"));
    bp.appErrorHandler(404, () => ["auth 404", 404]);
    bp.get("/login", () => "login", { endpoint: "login" });
    const app = new App({ logger: silentLogger() });
    app.get("/home", () => "home");
    app.registerBlueprint(bp, { urlPrefix: "/a" });
    app.registerBlueprint(bp, { urlPrefix: "/b", name: "auth2" });
    const res = await app.request("/home");
    expect(res.headers.get("x-auth")).toBe("1");
    expect(calls).toEqual(["before", "teardown"]);
    expect(await text(app, "/none")).toBe("auth 404");
    expect(app.urlFor("auth.login")).toBe("/a/login");
    expect(app.urlFor("auth2.login")).toBe("/b/login");
  });

  it("refuses the same name twice, names with dots, and anything that is not a Blueprint", () => {
    const bp = new Blueprint("dup");
    bp.get("/x", () => "x", { endpoint: "x" });
    const app = new App();
    app.registerBlueprint(bp);
    expect(() => app.registerBlueprint(bp)).toThrow(/"dup" is already registered; give this registration another name/);
    expect(() => new Blueprint("a.b")).toThrow(TypeError);
    expect(() => app.registerBlueprint({} as Blueprint)).toThrow(/must be a Blueprint/);
    expect(() => new Blueprint("x", { urlPrefix: "nope" })).toThrow(/urlPrefix must be a path/);
    expect(() => new Blueprint("y").get("/z", () => "z", { endpoint: "a.b" })).toThrow(/may not contain a dot/);
  });

  it("nests blueprints: prefixes and names join, the parent's hooks run around the child's rules", async () => {
    const parent = new Blueprint("parent", { urlPrefix: "/parent" });
    parent.beforeRequest((ctx) => {
      ctx.state.parent = true;
    });
    const child = new Blueprint("child", { urlPrefix: "/child" });
    child.get("/leaf", (ctx: RequestContext) => ({ endpoint: ctx.endpoint, blueprint: ctx.blueprint, parent: ctx.state.parent ?? false, sibling: (ctx.app as App).urlFor(".other") }), { endpoint: "leaf" });
    child.get("/other", () => "other", { endpoint: "other" });
    parent.registerBlueprint(child);
    const app = new App();
    app.registerBlueprint(parent);
    expect(JSON.parse(await text(app, "/parent/child/leaf"))).toEqual({ endpoint: "parent.child.leaf", blueprint: "parent.child", parent: true, sibling: "/parent/child/other" });
    expect(app.routes().map((r) => r.endpoint)).toEqual(["parent.child.leaf", "parent.child.other"]);
  });

  it("mounts view classes, with their endpoints named under the blueprint", async () => {
    class Users extends MethodView {
      get() {
        return ["ada"];
      }
    }
    const bp = new Blueprint("v1", { urlPrefix: "/v1" });
    bp.register("/users", Users, { name: "users" });
    const app = new App();
    app.registerBlueprint(bp);
    expect(await text(app, "/v1/users")).toBe('["ada"]');
    expect(app.urlFor("v1.users")).toBe("/v1/users");
  });
});

describe("the rest of the request structure", () => {
  it("ctx.afterThisRequest(fn) runs for this request only, before the after hooks", async () => {
    const log: string[] = [];
    const app = new App();
    app.afterRequest(() => void log.push("after hook"));
    app.get("/once", (ctx) => {
      ctx.afterThisRequest((response) => {
        log.push("after this request");
        response.setHeader("x-once", "1");
      });
      return "once";
    });
    const first = await app.request("/once");
    expect(first.headers.get("x-once")).toBe("1");
    expect(log).toEqual(["after this request", "after hook"]);
    log.length = 0;
    await app.request("/nowhere");
    expect(log).toEqual(["after hook"]);
  });

  it("ctx.endpoint and ctx.rule name what matched; both undefined on a 404", async () => {
    const app = new App();
    const seen: unknown[] = [];
    app.beforeRequest((ctx) => void seen.push([ctx.endpoint, ctx.rule]));
    app.get("/users/:id", (ctx) => ({ endpoint: ctx.endpoint, rule: ctx.rule }), { endpoint: "user" });
    expect(JSON.parse(await text(app, "/users/7"))).toEqual({ endpoint: "user", rule: "/users/:id" });
    await app.request("/missing");
    expect(seen).toEqual([["user", "/users/:id"], [undefined, undefined]]);
  });

  it("app.get, post, put, patch and delete register one method each", async () => {
    const app = new App();
    app.get("/r", () => "get").post("/r", () => "post").put("/r", () => "put").patch("/r", () => "patch").delete("/r", () => "delete");
    const answers = await Promise.all(["GET", "POST", "PUT", "PATCH", "DELETE"].map((method) => text(app, "/r", { method })));
    expect(answers).toEqual(["get", "post", "put", "patch", "delete"]);
    expect(app.routes().map((r) => r.methods)).toEqual([["GET", "HEAD", "OPTIONS"], ["POST", "OPTIONS"], ["PUT", "OPTIONS"], ["PATCH", "OPTIONS"], ["DELETE", "OPTIONS"]]);
  });

  it("strict slashes: a rule /users/ redirects /users with a 308; strictSlashes: false on the App serves both forms", async () => {
    class Users extends MethodView {
      get() {
        return "users";
      }
    }
    const strict = new App();
    strict.register("/users/", Users);
    expect(strict.routes().map((r) => r.rule)).toEqual(["/users/"]);
    const res = await strict.request("/users?page=2");
    expect([res.status, res.headers.get("location")]).toEqual([308, "./users/?page=2"]);
    expect((await strict.request("/users/")).status).toBe(200);
    const loose = new App({ strictSlashes: false });
    loose.register("/users/", Users);
    loose.get("/about", () => "about");
    expect(await text(loose, "/users")).toBe("users");
    expect(await text(loose, "/about/")).toBe("about");
    expect(() => new App({ strictSlashes: "yes" as never })).toThrow(/strictSlashes.*boolean/);
  });

  it("a rule of its own wins over the redirect another rule's slash put on its path", async () => {
    const app = new App();
    app.get("/docs/", () => "with slash");
    app.get("/docs", () => "without");
    expect(await text(app, "/docs")).toBe("without");
    expect(await text(app, "/docs/")).toBe("with slash");
  });
});
