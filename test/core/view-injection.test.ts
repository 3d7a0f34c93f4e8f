import "reflect-metadata";
import { container, inject, injectable, Lifecycle } from "tsyringe";
import { afterEach, describe, expect, it } from "vitest";
import { CONTEXT, View, type RequestContext } from "../../src/index.js";
import { makeContext } from "../helpers/fake-context.js";

class Clock {
  now() {
    return "real time";
  }
}

@injectable()
class RequestInfo {
  constructor(@inject(CONTEXT) readonly ctx: RequestContext) {}
  describe() {
    return `${this.ctx.method} ${this.ctx.path}`;
  }
}

@injectable()
class Audit {
  constructor(readonly info: RequestInfo) {}
}

@injectable()
class TimeView extends View {
  constructor(private readonly clock: Clock) {
    super();
  }
  dispatchRequest() {
    return this.clock.now();
  }
}

@injectable()
class InfoView extends View {
  constructor(
    readonly info: RequestInfo,
    readonly audit: Audit,
  ) {
    super();
  }
  dispatchRequest() {
    return this;
  }
}

afterEach(() => {
  container.reset();
});

describe("View.asView() with dependency injection", () => {
  it("resolves a class with constructor dependencies from ctx.container", () => {
    const ctx = makeContext("GET");
    ctx.container.register(Clock, { useValue: { now: () => "request time" } });
    expect(TimeView.asView("time")(ctx)).toBe("request time");
  });

  it("resolves a new instance per request", () => {
    const view = InfoView.asView("info");
    const first = view(makeContext("GET")) as InfoView;
    const second = view(makeContext("GET")) as InfoView;
    expect(first).toBeInstanceOf(InfoView);
    expect(second).not.toBe(first);
  });

  it("uses classArgs, not the container, when they are given", () => {
    const ctx = makeContext("GET");
    ctx.container.register(Clock, { useValue: { now: () => "from the container" } });
    const fixed = { now: () => "from classArgs" };
    expect(TimeView.asView("time", fixed)(ctx)).toBe("from classArgs");
  });

  it("injects a request-scoped service that reads the context through CONTEXT", () => {
    container.register(RequestInfo, RequestInfo, { lifecycle: Lifecycle.ContainerScoped });
    const view = InfoView.asView("info");
    const get = makeContext("GET", { path: "/a" });
    const post = makeContext("POST", { path: "/b" });
    const first = view(get) as InfoView;
    const second = view(post) as InfoView;

    expect(first.info.ctx).toBe(get);
    expect(first.info.describe()).toBe("GET /a");
    expect(first.audit.info).toBe(first.info);
    expect(second.info.ctx).toBe(post);
    expect(second.info.describe()).toBe("POST /b");
    expect(second.info).not.toBe(first.info);
  });

  it("resolves a shared instance once, from the app container, when initEveryRequest is false", () => {
    let built = 0;
    @injectable()
    class SharedTime extends View {
      static override initEveryRequest = false;
      constructor(private readonly clock: Clock) {
        super();
        built += 1;
      }
      dispatchRequest() {
        return this.clock.now();
      }
    }
    const first = makeContext("GET");
    first.app.container.register(Clock, { useValue: { now: () => "app time" } });
    const view = SharedTime.asView("shared");
    expect(view(first)).toBe("app time");
    expect(view(makeContext("GET"))).toBe("app time");
    expect(built).toBe(1);
  });
});
