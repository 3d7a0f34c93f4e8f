import type { DependencyContainer } from "tsyringe";
import { describe, expectTypeOf, it } from "vitest";
import {
  Dispatcher,
  MethodView,
  View,
  ViewResponse,
  json,
  redirect,
  text,
  type Handler,
  type MaybePromise,
  type RequestContext,
  type ViewClass,
  type ViewDecorator,
  type ViewFunction,
} from "../../src/index.js";
import { toViewResponse, type ViewHost } from "../../src/host/index.js";

class Greeter extends View {
  constructor(
    readonly greeting: string,
    readonly times: number,
  ) {
    super();
  }
  dispatchRequest() {
    return this.greeting.repeat(this.times);
  }
}

class Items extends MethodView {
  get() { return []; }
}

// These tests are checked by `tsc --noEmit`; at run time they only prove the file loads.
describe("public types", () => {
  it("ViewFunction is a handler carrying its class and routing facts", () => {
    expectTypeOf<ViewFunction>().toExtend<Handler>();
    expectTypeOf<ViewFunction["viewClass"]>().toEqualTypeOf<ViewClass>();
    expectTypeOf<ViewFunction["viewName"]>().toEqualTypeOf<string>();
    expectTypeOf<ViewFunction["methods"]>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<ViewFunction["provideAutomaticOptions"]>().toEqualTypeOf<boolean>();
    expectTypeOf<RequestContext>().toExtend<Parameters<ViewFunction>[0]>();
    expectTypeOf<ViewFunction>().parameter(0).toHaveProperty("raw");
  });

  it("asView() returns a ViewFunction, for View and MethodView", () => {
    expectTypeOf(Greeter.asView("greeter", "hi", 2)).toEqualTypeOf<ViewFunction>();
    expectTypeOf(Items.asView("items")).toEqualTypeOf<ViewFunction>();
    expectTypeOf(Greeter).toExtend<ViewClass>();
    expectTypeOf(Items).toExtend<ViewClass>();
  });

  it("asView() types classArgs from the constructor: all of them, or none", () => {
    expectTypeOf(Greeter.asView<typeof Greeter>).parameters.toEqualTypeOf<[string, ...([string, number] | [])]>();
    // @ts-expect-error the greeting must be a string
    expectTypeOf(() => Greeter.asView("greeter", 1, 2)).returns.toEqualTypeOf<ViewFunction>();
    // @ts-expect-error the constructor's arguments come all together or not at all
    expectTypeOf(() => Greeter.asView("greeter", "hi")).returns.toEqualTypeOf<ViewFunction>();
    // @ts-expect-error the view's name comes first
    expectTypeOf(() => Greeter.asView()).returns.toEqualTypeOf<ViewFunction>();
  });

  it("RequestContext has its documented fields", () => {
    expectTypeOf<RequestContext["method"]>().toEqualTypeOf<string>();
    expectTypeOf<RequestContext["path"]>().toEqualTypeOf<string>();
    expectTypeOf<RequestContext["params"]>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<RequestContext["query"]>().toEqualTypeOf<URLSearchParams>();
    expectTypeOf<RequestContext["headers"]>().toEqualTypeOf<Headers>();
    expectTypeOf<RequestContext["request"]>().toEqualTypeOf<Request>();
    expectTypeOf<RequestContext["json"]>().returns.toEqualTypeOf<Promise<unknown>>();
    expectTypeOf<RequestContext["text"]>().returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf<RequestContext["body"]>().returns.toEqualTypeOf<Promise<Uint8Array>>();
    expectTypeOf<RequestContext["state"]>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<RequestContext["signal"]>().toEqualTypeOf<AbortSignal>();
    expectTypeOf<RequestContext["waitUntil"]>().parameter(0).toEqualTypeOf<PromiseLike<unknown>>();
    expectTypeOf<RequestContext["container"]>().toEqualTypeOf<DependencyContainer>();
    expectTypeOf<RequestContext["app"]>().toEqualTypeOf<ViewHost>();
    expectTypeOf<ViewHost["dispatcher"]>().toEqualTypeOf<Dispatcher>();
    expectTypeOf<RequestContext["raw"]>().toEqualTypeOf<unknown>();
    expectTypeOf<RequestContext<{ req: string }>["raw"]>().toEqualTypeOf<{ req: string }>();
  });

  it("Dispatcher.call() returns what the function returns, sync or not", () => {
    const dispatcher = new Dispatcher();
    expectTypeOf(dispatcher.call((a: number) => a + 1, undefined, [1])).toEqualTypeOf<number>();
    expectTypeOf(dispatcher.call(async () => "x", undefined, [])).toEqualTypeOf<Promise<string>>();
    // @ts-expect-error the arguments must match the function's parameters
    dispatcher.call((a: number) => a, undefined, ["1"]);
    expectTypeOf(dispatcher.ensureAsync((a: number) => a)).toEqualTypeOf<(a: number) => Promise<number>>();
    expectTypeOf<MaybePromise<number>>().toEqualTypeOf<number | Promise<number>>();
  });

  it("the response helpers return a ViewResponse", () => {
    expectTypeOf(json({ id: 1 })).toEqualTypeOf<ViewResponse>();
    expectTypeOf(text("hi")).toEqualTypeOf<ViewResponse>();
    expectTypeOf(redirect("/")).toEqualTypeOf<ViewResponse>();
    expectTypeOf(toViewResponse).returns.toEqualTypeOf<ViewResponse>();
    expectTypeOf(ViewResponse.from).returns.toEqualTypeOf<ViewResponse>();
  });

  it("ViewDecorator maps a handler to a handler", () => {
    expectTypeOf<ViewDecorator>().parameter(0).toEqualTypeOf<Handler>();
    expectTypeOf<ViewDecorator>().returns.toEqualTypeOf<Handler>();
  });
});
