import type { RequestContext } from "./context.js";
import type { DeclaredRoute, RouteOptions } from "./decorators/route-options.js";
import { normalizeMethods } from "./http-methods.js";
import { buildViewFunction, type HandlerResult, type ViewClass, type ViewDecorator, type ViewFunction } from "./view-function.js";
import { brand, isInstance } from "./brand.js";

/**
 * A class-based view: subclass it and implement {@link dispatchRequest}, then turn the class
 * into a view function with {@link View.asView}. The TypeScript form of Flask's `View`.
 *
 * Every knob is a static member with a documented default.
 *
 * @example
 * ```ts
 * import { View, type RequestContext } from "methodview";
 *
 * class Hello extends View {
 *   static override methods = ["GET", "POST"];
 *   dispatchRequest(ctx: RequestContext) {
 *     return `Hello from ${ctx.method}`;
 *   }
 * }
 * const hello = Hello.asView("hello");
 * console.assert(hello.viewName === "hello" && hello.methods.includes("POST"));
 * ```
 * @see docs/views.md
 */
export abstract class View {
  /**
   * The HTTP methods this view serves, upper-cased when the view function is made.
   * @default ["GET"]
   */
  static methods?: readonly string[];

  /**
   * Wrappers applied to the view function in list order, so the first ends up innermost.
   * Each may be sync or async and may wrap a sync or async view function.
   * @default []
   */
  static decorators: ViewDecorator[] = [];

  /**
   * `true`: a new instance per request. `false`: one instance, built once and reused.
   * @default true
   */
  static initEveryRequest = true;

  /**
   * Whether the App answers OPTIONS for this view.
   * @default true, unless the view serves OPTIONS itself
   */
  static provideAutomaticOptions?: boolean;

  /**
   * The contract of every method the view serves: input schemas (`body`, `query`, `params`,
   * `headers`), `responses` and the OpenAPI facts, as the route decorators take them. A
   * MethodView declares them per handler, with its decorators, instead.
   * @default undefined (nothing validated)
   * @see docs/validation.md
   */
  static schemas?: RouteOptions;

  /** Handles one request; sync or async; returns anything a handler may return. */
  abstract dispatchRequest(ctx: RequestContext): HandlerResult;

  /**
   * Turns the class into a view function named `name`. `classArgs` go to the constructor;
   * with none, a class whose constructor takes dependencies is resolved from the request's
   * container (`ctx.container`), so tsyringe injects them.
   */
  static asView<C extends ViewClass>(this: C, name: string, ...classArgs: ConstructorParameters<C> | []): ViewFunction {
    if (typeof name !== "string" || name === "") {
      throw new TypeError(`${this.name}.asView(name): name must be a non-empty string`);
    }
    const methods = normalizeMethods(this.methods ?? ["GET"], `${this.name}.methods`);
    const provideAutomaticOptions = this.provideAutomaticOptions ?? !methods.includes("OPTIONS");
    const declared: Record<string, DeclaredRoute> = Object.create(null) as Record<string, DeclaredRoute>;
    if (this.schemas !== undefined) {
      for (const method of methods.includes("GET") ? [...methods, "HEAD"] : methods) {
        declared[method] = { handler: `${this.name}.schemas`, options: this.schemas };
      }
    }
    return buildViewFunction(this, name, classArgs, { methods, provideAutomaticOptions, declared }, (instance, ctx) =>
      instance.dispatchRequest(ctx),
    );
  }

  /** `instanceof` that also accepts this class from another copy of methodview (ESM and CommonJS). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, value);
  }
}
brand(View, "View");
