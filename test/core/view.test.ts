import { describe, expect, it } from "vitest";
import { View, type Handler, type RequestContext, type ViewDecorator } from "../../src/index.js";
import { makeContext } from "../helpers/fake-context.js";

class Hello extends View {
  dispatchRequest(ctx: RequestContext) {
    return `hello ${ctx.method}`;
  }
}

/** A decorator that logs around the view it wraps, synchronously or not. */
function logging(label: string, log: string[], mode: "sync" | "async" = "sync"): ViewDecorator {
  return (view: Handler) => {
    log.push(`apply ${label}`);
    if (mode === "sync") {
      return (ctx) => {
        log.push(`enter ${label}`);
        const result = view(ctx);
        log.push(`leave ${label}`);
        return result;
      };
    }
    return async (ctx) => {
      log.push(`enter ${label}`);
      const result = await view(ctx);
      log.push(`leave ${label}`);
      return result;
    };
  };
}

describe("View.asView()", () => {
  it("serves GET by default", () => {
    const view = Hello.asView("hello");
    expect(view.methods).toEqual(["GET"]);
    expect(view(makeContext("GET"))).toBe("hello GET");
  });

  it("upper-cases the static methods", () => {
    class Form extends Hello {
      static override methods = ["get", "Post"];
    }
    expect(Form.asView("form").methods).toEqual(["GET", "POST"]);
  });

  it("rejects methods that are not a list of method names, naming the class", () => {
    class Bad extends Hello {
      static override methods = "GET" as unknown as string[];
    }
    expect(() => Bad.asView("bad")).toThrow(/Bad\.methods/);
  });

  it("returns a function carrying viewClass, viewName, methods and provideAutomaticOptions", () => {
    const view = Hello.asView("greeting");
    expect(view).toBeTypeOf("function");
    expect(view.viewClass).toBe(Hello);
    expect(view.viewName).toBe("greeting");
    expect(view.name).toBe("greeting");
    expect(view.methods).toEqual(["GET"]);
    expect(view.provideAutomaticOptions).toBe(true);
  });

  it("rejects an empty name", () => {
    expect(() => Hello.asView("")).toThrow(TypeError);
  });

  it("applies static decorators in list order, the first innermost", () => {
    const log: string[] = [];
    class Decorated extends View {
      static override decorators = [logging("first", log), logging("second", log)];
      dispatchRequest() {
        log.push("view");
        return "done";
      }
    }
    const view = Decorated.asView("decorated");
    expect(log).toEqual(["apply first", "apply second"]);
    expect(view(makeContext("GET"))).toBe("done");
    expect(log.slice(2)).toEqual(["enter second", "enter first", "view", "leave first", "leave second"]);
  });

  it.each([
    { decorator: "sync", handler: "sync" },
    { decorator: "sync", handler: "async" },
    { decorator: "async", handler: "sync" },
    { decorator: "async", handler: "async" },
  ] as const)("runs a $decorator decorator around a $handler view", async ({ decorator, handler }) => {
    const log: string[] = [];
    class Mixed extends View {
      static override decorators = [logging("outer", log, decorator)];
      dispatchRequest() {
        log.push("view");
        return handler === "sync" ? "value" : Promise.resolve("value");
      }
    }
    const result = Mixed.asView("mixed")(makeContext("GET"));
    expect(result instanceof Promise).toBe(decorator === "async" || handler === "async");
    expect(await result).toBe("value");
    expect(log).toEqual(["apply outer", "enter outer", "view", "leave outer"]);
  });

  it("rejects decorators that are not functions, or return no function", () => {
    class NotAFunction extends Hello {
      static override decorators = [42 as unknown as ViewDecorator];
    }
    class ReturnsNothing extends Hello {
      static override decorators = [(() => undefined) as unknown as ViewDecorator];
    }
    expect(() => NotAFunction.asView("x")).toThrow(/NotAFunction\.decorators/);
    expect(() => ReturnsNothing.asView("x")).toThrow(/ReturnsNothing: a view decorator returned undefined/);
  });

  it("makes a new instance per request when initEveryRequest is true", () => {
    const instances = new Set<View>();
    class PerRequest extends View {
      dispatchRequest() {
        instances.add(this);
        return null;
      }
    }
    const view = PerRequest.asView("per-request");
    view(makeContext("GET"));
    view(makeContext("GET"));
    expect(instances.size).toBe(2);
  });

  it("reuses one instance when initEveryRequest is false", () => {
    let constructed = 0;
    class Shared extends View {
      static override initEveryRequest = false;
      private served = 0;
      constructor() {
        super();
        constructed += 1;
      }
      dispatchRequest() {
        this.served += 1;
        return this.served;
      }
    }
    const view = Shared.asView("shared");
    expect(constructed).toBe(0);
    expect([view(makeContext("GET")), view(makeContext("GET")), view(makeContext("GET"))]).toEqual([1, 2, 3]);
    expect(constructed).toBe(1);
  });

  it("provides automatic OPTIONS unless the view serves OPTIONS or says otherwise", () => {
    class ServesOptions extends Hello {
      static override methods = ["GET", "OPTIONS"];
    }
    class NoAutomatic extends Hello {
      static override provideAutomaticOptions = false;
    }
    class ForcedAutomatic extends ServesOptions {
      static override provideAutomaticOptions = true;
    }
    expect(Hello.asView("a").provideAutomaticOptions).toBe(true);
    expect(ServesOptions.asView("b").provideAutomaticOptions).toBe(false);
    expect(NoAutomatic.asView("c").provideAutomaticOptions).toBe(false);
    expect(ForcedAutomatic.asView("d").provideAutomaticOptions).toBe(true);
  });

  it("passes classArgs to the constructor", () => {
    class Greeter extends View {
      constructor(
        private readonly greeting: string,
        private readonly punctuation: string,
      ) {
        super();
      }
      dispatchRequest() {
        return `${this.greeting}${this.punctuation}`;
      }
    }
    expect(Greeter.asView("greeter", "hi", "!")(makeContext("GET"))).toBe("hi!");
    expect(Greeter.asView("shout", "HEY", "!!!")(makeContext("GET"))).toBe("HEY!!!");
  });

  it("instantiates the class found in viewFunction.viewClass at request time", () => {
    class Replacement extends Hello {
      override dispatchRequest() {
        return "replaced";
      }
    }
    const view = Hello.asView("hello");
    expect(view(makeContext("GET"))).toBe("hello GET");
    view.viewClass = Replacement;
    expect(view(makeContext("GET"))).toBe("replaced");
    view.viewClass = Hello;
    expect(view(makeContext("GET"))).toBe("hello GET");
  });
});
