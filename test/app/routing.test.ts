import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveTarget } from "../../src/app/request-target.js";
import { App, ConfigurationError, type RequestContext } from "../../src/index.js";
import { servers, silentLogger } from "./support.js";

const serve = servers();

function paramsEcho(ctx: RequestContext) {
  return { ...ctx.params };
}

describe("the App's url map", () => {
  it("matches :name parameters and decodes them", async () => {
    const app = new App();
    app.route("/users/:userId/posts/:postId", paramsEcho);
    expect(await (await app.request("/users/42/posts/a%20b")).json()).toEqual({ userId: "42", postId: "a b" });
  });

  it("gives a trailing * wildcard as ctx.params[\"*\"], slashes included", async () => {
    const app = new App();
    app.route("/files/*", (ctx) => ctx.params["*"] ?? "none");
    expect(await (await app.request("/files/docs/2024/report%201.pdf")).text()).toBe("docs/2024/report 1.pdf");
  });

  it("answers 404 problem+json when no rule matches", async () => {
    const app = new App();
    app.route("/users", () => []);
    const response = await app.request("/nobody");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 404, code: "MV_NOT_FOUND" });
    expect((await app.request("/users/")).status).toBe(404);
  });

  it("answers 405 with Allow for a matched path and a method it does not serve", async () => {
    const app = new App();
    app.route("/users", () => [], { methods: ["GET", "POST"] });
    const { url } = await serve.listen(app);
    const response = await fetch(`${url}/users`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    expect(await response.json()).toMatchObject({ status: 405, code: "MV_METHOD_NOT_ALLOWED" });
  });

  it("serves two rules on one path with different methods, and OPTIONS lists them all", async () => {
    const app = new App();
    app.addUrlRule("/things/:id", { viewFunc: function readThing(ctx: RequestContext) { return `read ${ctx.params.id}`; } });
    app.addUrlRule("/things/:id", { viewFunc: function deleteThing(ctx: RequestContext) { return `deleted ${ctx.params.id}`; }, methods: ["DELETE"] });
    const { url } = await serve.listen(app);
    expect(await (await fetch(`${url}/things/3`)).text()).toBe("read 3");
    expect(await (await fetch(`${url}/things/3`, { method: "DELETE" })).text()).toBe("deleted 3");
    const options = await fetch(`${url}/things/3`, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, DELETE, OPTIONS");
    const refused = await fetch(`${url}/things/3`, { method: "PUT" });
    expect(refused.headers.get("allow")).toBe("GET, HEAD, DELETE, OPTIONS");
  });

  it("refuses two rules on one path serving the same method from different endpoints", () => {
    const app = new App();
    app.route("/x", function first() { return 1; });
    expect(() => app.route("/x", function second() { return 2; })).toThrow(ConfigurationError);
  });
});

describe("app.urlFor()", () => {
  const app = new App();
  app.route("/users/:id", paramsEcho, { endpoint: "user" });
  app.route("/static/*", paramsEcho, { endpoint: "static" });
  app.route("/", () => "home", { endpoint: "home" });

  it("fills :name parameters, percent-encoded", () => {
    expect(app.urlFor("user", { id: 7 })).toBe("/users/7");
    expect(app.urlFor("user", { id: "a b/c" })).toBe("/users/a%20b%2Fc");
    expect(app.urlFor("home")).toBe("/");
  });

  it("sends parameters the rule does not use to the query string", () => {
    expect(app.urlFor("user", { id: 7, tab: "posts", tag: ["a", "b"] })).toBe("/users/7?tab=posts&tag=a&tag=b");
  });

  it("fills the wildcard, keeping its slashes", () => {
    expect(app.urlFor("static", { "*": "css/site main.css" })).toBe("/static/css/site%20main.css");
  });

  it("builds a path that routes back to the same parameters", async () => {
    const response = await app.request(app.urlFor("user", { id: "ünï cödé" }));
    expect(await response.json()).toEqual({ id: "ünï cödé" });
  });

  it("refuses an unknown endpoint with MV_URL_BUILD, naming the known ones", () => {
    const build = () => app.urlFor("users");
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(expect.objectContaining({ code: "MV_URL_BUILD" }));
    expect(build).toThrow(/no endpoint named "users".*user, static, home/);
  });

  it("refuses a missing parameter with MV_URL_BUILD, naming it", () => {
    const build = () => app.urlFor("user", { tab: "posts" });
    expect(build).toThrow(expect.objectContaining({ code: "MV_URL_BUILD" }));
    expect(build).toThrow(/needs the parameter "id"/);
  });
});

describe("app.routes()", () => {
  it("lists every rule with its methods and endpoint, in registration order", () => {
    const app = new App();
    app.route("/b", function bee() { return 1; }, { methods: ["POST"] });
    app.route("/a", function ay() { return 1; });
    expect(app.routes()).toEqual([
      { rule: "/b", methods: ["POST", "OPTIONS"], endpoint: "bee" },
      { rule: "/a", methods: ["GET", "HEAD", "OPTIONS"], endpoint: "ay" },
    ]);
  });

  it("returns copies that do not change the url map", async () => {
    const app = new App();
    app.route("/a", function ay() { return 1; });
    app.routes()[0]!.methods.push("DELETE");
    expect(app.routes()[0]!.methods).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect((await app.request("/a", { method: "DELETE" })).status).toBe(405);
  });
});

describe("app.resolve()", () => {
  it("routes a target that is exactly a fixed path as the full routing does, to one shared frozen answer", () => {
    const app = new App();
    app.route("/json", () => ({}));
    const routed = app.resolve("/json")!;
    const full = app.resolve("http://example.com/json")!;
    expect(routed.target).toEqual({ path: "/json", query: "", url: "/json" });
    expect(routed.path).toBe(full.path);
    expect(routed.match).toBe(full.match);
    expect(app.resolve("/json")).toBe(routed);
    expect(Object.isFrozen(routed) && Object.isFrozen(routed.target)).toBe(true);
    expect(app.resolve("/json?x=1")!.target).toEqual({ path: "/json", query: "x=1", url: "/json?x=1" });
    expect(app.resolve("/json", "/api")).toBeUndefined();
  });

  it("routes any target, origin- or absolute-form, under any prefix, as the full routing does", () => {
    const app = new App();
    for (const rule of ["/", "/json", "/a/b", "/a/./b", "/x/", "/users/:id"]) app.route(rule, () => ({}));
    const part = fc.constantFrom("/", "/json", "/a", "/b", "/./", "/../", "/x", "/%2e", "?", "?q=1", "#f", "json", "%", "//");
    const origin = fc.constantFrom("", "http://h", "https://h:1", "http://u@h", "HTTP://h", "ftp://h", "*");
    fc.assert(
      fc.property(origin, fc.array(part, { maxLength: 5 }), fc.constantFrom("", "/"), (start, parts, prefix) => {
        const target = start + parts.join("");
        const routed = app.resolve(target, prefix);
        const resolved = resolveTarget(target, prefix);
        if (resolved === undefined) {
          expect(routed).toBeUndefined();
          return;
        }
        expect(routed!.target).toEqual(resolved);
        // `*`, or what follows `#` in an authority: no path, never one of the rules.
        if (!resolved.path.startsWith("/")) return;
        // The same path with a query: routed the full way, never as it is.
        const full = app.resolve(`${resolved.path}?q`)!;
        expect(routed!.path).toBe(full.path);
        expect(routed!.match).toEqual(full.match);
      }),
      { numRuns: 2000 },
    );
  });

  it("resolves the dot segments of a target spelled as a rule that holds some", async () => {
    const app = new App();
    app.route("/a/./b", () => "dotted");
    expect(app.resolve("/a/./b")!.path).toBe("/a/b");
    expect((await app.request("/a/./b")).status).toBe(404);
  });

  it("routes to the rule that later takes over a path another rule's slash alias held", async () => {
    const app = new App({ strictSlashes: false });
    app.route("/x/", function slashed() { return "slashed"; });
    expect(await (await app.request("/x")).text()).toBe("slashed");
    app.route("/x", function plain() { return "plain"; });
    expect(await (await app.request("/x")).text()).toBe("plain");
    expect(await (await app.request("/x/")).text()).toBe("slashed");
  });
});

describe("a plain object a view returns", () => {
  it("is checked as any response once a hook of the request's own could have changed it", async () => {
    const app = new App({ logger: silentLogger() });
    app.route("/sync", (ctx) => {
      ctx.afterThisRequest((response) => {
        response.headers["x-split"] = "a\r\nb";
      });
      return { ok: true };
    });
    app.route("/async", async (ctx) => {
      ctx.afterThisRequest((response) => {
        response.headers["x-split"] = "a\r\nb";
      });
      return await Promise.resolve({ ok: true });
    });
    for (const path of ["/sync", "/async"]) {
      const response = await app.request(path);
      expect(response.status).toBe(500);
      expect(response.headers.get("x-split")).toBeNull();
    }
  });

  it("is a 500 when it serialises to nothing", async () => {
    const app = new App({ logger: silentLogger() });
    app.route("/nothing", () => ({ toJSON: () => undefined }));
    app.route("/json", async () => ({ hello: "world" }));
    expect((await app.request("/nothing")).status).toBe(500);
    const response = await app.request("/json");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ hello: "world" });
  });
});
