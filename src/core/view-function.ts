import "reflect-metadata";
import type { RequestContext } from "./context.js";
import type { DeclaredRoute, RouteOptions } from "./decorators/route-options.js";
import type { View } from "./view.js";
import { needsInjection, prepareInjection } from "./view-injection.js";

/** What a view function, a hook or a handler may return: see `toViewResponse`. */
export type HandlerResult = unknown;

/**
 * A function that handles a request: sync or async. Its context may name the host's raw
 * objects (`RequestContext<ExpressRaw>`), hence the open default.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler<Ctx extends RequestContext<any> = RequestContext<any>> = (ctx: Ctx) => HandlerResult;

/** A constructor of a concrete or abstract View subclass. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ViewClass<V extends View = View> = (abstract new (...args: any[]) => V) & {
  methods?: readonly string[];
  decorators: ViewDecorator[];
  initEveryRequest: boolean;
  provideAutomaticOptions?: boolean;
  schemas?: RouteOptions;
};

/** What `View.asView()` returns: a handler that carries its view class and routing facts. */
export interface ViewFunction extends Handler {
  /** The class instantiated per request; read at request time, so a test may swap it. */
  viewClass: ViewClass;
  /** The name given to `asView`, the default endpoint. */
  viewName: string;
  /** The methods the view handles (HEAD and OPTIONS are added when mounted). */
  methods: readonly string[];
  /** Whether the App answers OPTIONS for this view. */
  provideAutomaticOptions: boolean;
  /** Method to the route options the class declared for it; the App compiles them at mount. */
  declared: Readonly<Record<string, DeclaredRoute>>;
}

/** Wraps a view function; may return a sync or an async function. */
export type ViewDecorator = (view: Handler) => Handler;

type InstanceFactory = (ctx: RequestContext) => View;

/** How instances of `cls` are made, decided once per class, not per request. */
function instanceFactory(cls: ViewClass, classArgs: readonly unknown[]): InstanceFactory {
  const Concrete = cls as unknown as new (...args: unknown[]) => View;
  if (cls.initEveryRequest === false) {
    if (classArgs.length > 0) {
      const instance = new Concrete(...classArgs);
      return () => instance;
    }
    let shared: View | undefined;
    const inject = needsInjection(cls);
    if (inject) prepareInjection(cls);
    return (ctx) => (shared ??= inject ? ctx.app.container.resolve(Concrete) : new Concrete());
  }
  if (classArgs.length > 0) return () => new Concrete(...classArgs);
  if (needsInjection(cls)) {
    prepareInjection(cls);
    return (ctx) => ctx.container.resolve(Concrete);
  }
  return () => new Concrete();
}

/**
 * Builds the view function of a class: instantiate (per request or once), run `invoke`,
 * and apply `cls.decorators` with the first innermost. The class is read from the outer
 * function's `viewClass` on each call; its factory is rebuilt only when that changes.
 */
export function buildViewFunction(
  cls: ViewClass,
  name: string,
  classArgs: readonly unknown[],
  facts: Pick<ViewFunction, "methods" | "provideAutomaticOptions" | "declared">,
  invoke: (instance: View, ctx: RequestContext) => HandlerResult,
): ViewFunction {
  let builtFor = cls;
  let create = instanceFactory(cls, classArgs);
  // The outer function is only known once the decorators ran; the inner one reads its viewClass.
  const outer: { fn?: ViewFunction } = {};
  const inner: Handler = (ctx) => {
    const current = outer.fn!.viewClass;
    if (current !== builtFor) {
      create = instanceFactory(current, classArgs);
      builtFor = current;
    }
    return invoke(create(ctx), ctx);
  };
  if (!Array.isArray(cls.decorators)) {
    throw new TypeError(`${cls.name}.decorators must be an array of view decorators`);
  }
  let view = inner;
  for (const decorator of cls.decorators) {
    if (typeof decorator !== "function") {
      throw new TypeError(`${cls.name}.decorators must hold functions, got ${typeof decorator}`);
    }
    view = decorator(view);
    if (typeof view !== "function") {
      throw new TypeError(`${cls.name}: a view decorator returned ${typeof view}, not a function`);
    }
  }
  const fn = view as ViewFunction;
  Object.defineProperty(fn, "name", { value: name });
  fn.viewClass = cls;
  fn.viewName = name;
  fn.methods = facts.methods;
  fn.provideAutomaticOptions = facts.provideAutomaticOptions;
  fn.declared = facts.declared;
  outer.fn = fn;
  return fn;
}
