import "reflect-metadata";
import { container as rootContainer, inject, injectable, Lifecycle, type DependencyContainer } from "tsyringe";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App, CONTEXT, MethodView, get, type RequestContext } from "../../src/index.js";

let instances = 0;

/** Request-scoped: one per request container. */
@injectable()
class RequestScoped {
  readonly serial = ++instances;
  constructor(@inject(CONTEXT) readonly ctx: RequestContext) {}
}

@injectable()
class Greeter {
  constructor(@inject(CONTEXT) private readonly ctx: RequestContext) {}
  greet() {
    return `hello ${this.ctx.params.name ?? "world"}`;
  }
}

@injectable()
class Greetings extends MethodView {
  constructor(private readonly greeter: Greeter) {
    super();
  }
  get() {
    return this.greeter.greet();
  }
  @get("/:name") named() {
    return this.greeter.greet();
  }
}

/** An App on its own container, with RequestScoped registered per request container. */
function scopedApp(): { app: App; appContainer: DependencyContainer } {
  const appContainer = rootContainer.createChildContainer();
  appContainer.register(RequestScoped, RequestScoped, { lifecycle: Lifecycle.ContainerScoped });
  return { app: new App({ container: appContainer }), appContainer };
}

afterEach(() => {
  rootContainer.reset();
});

describe("new App({ container })", () => {
  it("gives each request a child of the App's container", async () => {
    const appContainer = rootContainer.createChildContainer();
    appContainer.register("greeting", { useValue: "from the app container" });
    const app = new App({ container: appContainer });
    let requestContainer: DependencyContainer | undefined;
    app.route("/", (ctx) => {
      requestContainer = ctx.container;
      ctx.container.register("per-request", { useValue: "request only" });
      return ctx.container.resolve<string>("greeting");
    });
    expect(await (await app.request("/")).text()).toBe("from the app container");
    expect(requestContainer).not.toBe(appContainer);
    expect(appContainer.isRegistered("per-request")).toBe(false);
  });

  it("defaults to a child of tsyringe's root container", async () => {
    rootContainer.register("root-value", { useValue: 42 });
    const app = new App();
    app.route("/", (ctx) => ({ value: ctx.container.resolve<number>("root-value") }));
    expect(await (await app.request("/")).json()).toEqual({ value: 42 });
  });
});

describe("ctx.container", () => {
  it("is made on first read only, and is the same object for the rest of the request", async () => {
    const appContainer = rootContainer.createChildContainer();
    const createChild = vi.spyOn(appContainer, "createChildContainer");
    const app = new App({ container: appContainer });
    app.route("/untouched", () => "no container");
    app.route("/touched", (ctx) => ({ same: ctx.container === ctx.container }));
    await app.request("/untouched");
    expect(createChild).not.toHaveBeenCalled();
    expect(await (await app.request("/touched")).json()).toEqual({ same: true });
    expect(createChild).toHaveBeenCalledTimes(1);
  });

  it("has CONTEXT registered as the request's context", async () => {
    const app = new App();
    app.route("/", (ctx) => ({ registered: ctx.container.resolve(CONTEXT) === ctx }));
    expect(await (await app.request("/")).json()).toEqual({ registered: true });
  });

  it("gives Lifecycle.ContainerScoped services one instance per request", async () => {
    const { app } = scopedApp();
    app.route("/", async (ctx) => {
      const first = ctx.container.resolve(RequestScoped);
      await Promise.resolve();
      const second = ctx.container.resolve(RequestScoped);
      return { serial: first.serial, sameInRequest: first === second, hasContext: first.ctx === ctx };
    });
    const a = (await (await app.request("/")).json()) as { serial: number; sameInRequest: boolean; hasContext: boolean };
    const b = (await (await app.request("/")).json()) as { serial: number; sameInRequest: boolean; hasContext: boolean };
    expect(a).toMatchObject({ sameInRequest: true, hasContext: true });
    expect(b).toMatchObject({ sameInRequest: true, hasContext: true });
    expect(a.serial).not.toBe(b.serial);
  });

  it("shares a request-scoped service between a hook and the view", async () => {
    const { app } = scopedApp();
    app.beforeRequest((ctx) => {
      ctx.state.serial = ctx.container.resolve(RequestScoped).serial;
    });
    app.route("/", (ctx) => ({ sameInstance: ctx.container.resolve(RequestScoped).serial === ctx.state.serial }));
    expect(await (await app.request("/")).json()).toEqual({ sameInstance: true });
  });

  it("lets a hook register a value for the view to resolve", async () => {
    const app = new App();
    app.beforeRequest((ctx) => {
      ctx.container.register("user", { useValue: ctx.headers.get("x-user") });
    });
    app.route("/", (ctx) => ctx.container.resolve<string>("user"));
    expect(await (await app.request("/", { headers: { "x-user": "grace" } })).text()).toBe("grace");
  });
});

describe("app.register() with an @injectable() MethodView", () => {
  it("resolves the view and its dependencies from the request container", async () => {
    const app = new App();
    app.register("/greet", Greetings);
    expect(await (await app.request("/greet")).text()).toBe("hello world");
    expect(await (await app.request("/greet/ada")).text()).toBe("hello ada");
  });

  it("takes dependencies registered on the App's container", async () => {
    const appContainer = rootContainer.createChildContainer();
    appContainer.register(Greeter, { useValue: { greet: () => "hello from a stub" } as unknown as Greeter });
    const app = new App({ container: appContainer });
    app.register("/greet", Greetings);
    expect(await (await app.request("/greet")).text()).toBe("hello from a stub");
  });
});
