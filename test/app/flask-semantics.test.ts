import { describe, expect, it } from "vitest";
import { App, Forbidden, HttpError, MethodView, View, type RequestContext } from "../../src/index.js";
import { silentLogger } from "./support.js";

describe("Flask's semantics that Flask's own tests check", () => {
  it("new App({ provideAutomaticOptions: false }) is a default that a view or a rule overrides", async () => {
    const app = new App({ provideAutomaticOptions: false, logger: silentLogger() });
    class Said extends View {
      static override provideAutomaticOptions = true;
      dispatchRequest() {
        return "said";
      }
    }
    class Quiet extends MethodView {
      get() {
        return "quiet";
      }
    }
    app.addUrlRule("/said", { viewFunc: Said.asView("said") });
    app.register("/quiet", Quiet);
    app.addUrlRule("/rule", { viewFunc: () => "rule", endpoint: "rule", provideAutomaticOptions: true });
    app.route("/plain", () => "plain");
    for (const [path, status] of [["/said", 204], ["/rule", 204], ["/quiet", 405], ["/plain", 405]] as const) {
      const res = await app.request(path, { method: "OPTIONS" });
      expect([path, res.status]).toEqual([path, status]);
      if (status === 204) expect(res.headers.get("allow")).toContain("OPTIONS");
    }
  });

  it("runs the handler of the nearest class in the error's prototype chain: a Forbidden subclass beats the 403 handler", async () => {
    class ForbiddenSubclass extends Forbidden {}
    class Teapot extends HttpError {
      constructor() {
        super(418, "short and stout");
      }
    }
    const app = new App({ logger: silentLogger() });
    app.errorHandler(403, () => ["by status", 403]);
    app.errorHandler(ForbiddenSubclass, () => ["by subclass", 403]);
    app.errorHandler(418, (error: HttpError) => [`teapot: ${error.message}`, 418]);
    app.errorHandler(500, () => ["by 500", 500]);
    app.route("/sub", () => {
      throw new ForbiddenSubclass();
    });
    app.route("/plain", () => {
      throw new Forbidden();
    });
    app.route("/http-403", () => {
      throw new HttpError(403);
    });
    app.route("/teapot", () => {
      throw new Teapot();
    });
    app.route("/bug", () => {
      throw new RangeError("oops");
    });
    const texts = await Promise.all(["/sub", "/plain", "/http-403", "/teapot", "/bug"].map(async (p) => (await app.request(p)).text()));
    expect(texts).toEqual(["by subclass", "by status", "by status", "teapot: short and stout", "by 500"]);
  });

  it("passes teardown only an error no handler answered, and keeps every error in ctx.error", async () => {
    const app = new App({ logger: silentLogger() });
    const seen: unknown[] = [];
    app.errorHandler(Forbidden, () => ["handled", 403]);
    app.teardownRequest((error, ctx) => void seen.push([error === undefined ? "none" : (error as Error).message, ((ctx as RequestContext & { error?: Error }).error)?.message]));
    app.route("/handled", () => {
      throw new Forbidden("no entry");
    });
    app.route("/unhandled", () => {
      throw new Error("crash");
    });
    await app.request("/handled");
    await app.request("/unhandled");
    expect(seen).toEqual([
      ["none", "no entry"],
      ["crash", "crash"],
    ]);
  });

  it("serves in a subclass the methods its base lists, custom ones by their lower-case name", async () => {
    class Base extends MethodView {
      static override methods = ["GET", "PROPFIND"];
      get() {
        return "get";
      }
      propfind() {
        return "propfind";
      }
    }
    class Sub extends Base {}
    class Narrow extends Base {
      static override methods = ["GET"];
    }
    const app = new App({ logger: silentLogger() });
    app.register("/base", Base);
    app.register("/sub", Sub);
    app.register("/narrow", Narrow);
    const answer = async (path: string) => {
      const res = await app.request(path, { method: "PROPFIND" });
      return [res.status, res.status === 200 ? await res.text() : res.headers.get("allow")];
    };
    expect(await answer("/base")).toEqual([200, "propfind"]);
    expect(await answer("/sub")).toEqual([200, "propfind"]);
    expect(await answer("/narrow")).toEqual([405, "GET, HEAD, OPTIONS"]);
  });
});
