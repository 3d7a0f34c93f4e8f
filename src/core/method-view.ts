import type { RequestContext } from "./context.js";
import type { DeclaredRoute } from "./decorators/route-options.js";
import { ConfigurationError, MethodNotAllowed } from "./errors.js";
import { AUTOMATIC_OPTIONS, compileMethodTables, type MethodTable, type MethodTables } from "./method-table.js";
import { ViewResponse } from "./response.js";
import { View } from "./view.js";
import { buildViewFunction, type HandlerResult, type ViewClass, type ViewFunction } from "./view-function.js";
import { brand, isInstance } from "./brand.js";

/** The context slot through which a MethodView's view function tells which path matched. */
export const METHOD_TABLE = Symbol.for("methodview.methodTable");

type WithTable = RequestContext & { [METHOD_TABLE]?: MethodTable };
type Handlers = Record<PropertyKey, (ctx: RequestContext) => HandlerResult>;

const compiled = new WeakMap<object, MethodTables>();

/**
 * The method tables of a MethodView class, compiled once and cached. Metadata and prototypes
 * are read here, at mount time, never on the request path.
 */
export function methodTablesOf(cls: ViewClass): MethodTables {
  let tables = compiled.get(cls);
  if (tables === undefined) {
    tables = compileMethodTables(cls, MethodView.prototype);
    compiled.set(cls, tables);
  }
  return tables;
}

/** The 204 answer to OPTIONS, listing every method the path serves. */
export function optionsResponse(allow: readonly string[]): ViewResponse {
  return new ViewResponse(204, { allow: allow.join(", ") }, null);
}

/**
 * A view with one handler per HTTP method, found by name (`get()`, `post()`, ...) or by
 * decorator (`@get`, `@post("/:id")`, `@route([...])`). HEAD falls back to GET, OPTIONS is
 * answered automatically, and any other method gets a 405 with `Allow`.
 *
 * @example
 * ```ts
 * import { MethodView, get, post, type RequestContext } from "methodview";
 *
 * class Users extends MethodView {
 *   get() { return [{ id: 1 }]; }
 *   async post(ctx: RequestContext) { return [await ctx.json(), 201]; }
 *   @get("/:id") show(ctx: RequestContext) { return { id: ctx.params.id }; }
 * }
 * const users = Users.asView("users");
 * console.assert(users.methods.join() === "GET,POST");
 * ```
 * @see docs/views.md
 */
export abstract class MethodView extends View {
  /** Calls the handler for `ctx.method` on the matched path. */
  dispatchRequest(ctx: RequestContext): HandlerResult {
    const table = (ctx as WithTable)[METHOD_TABLE] ?? rootTable(this.constructor as ViewClass);
    const key = table.handlers[ctx.method];
    if (key === undefined) throw new MethodNotAllowed(table.allow);
    if (key === AUTOMATIC_OPTIONS) return optionsResponse(table.allow);
    return (this as unknown as Handlers)[key]!(ctx);
  }

  /** Serves the view's root path. Mount the class with `app.register()` to serve its sub-paths too. */
  static override asView<C extends ViewClass>(this: C, name: string, ...classArgs: ConstructorParameters<C> | []): ViewFunction {
    return methodViewFunction(this, name, "", classArgs);
  }

  /** `instanceof` that also accepts this class from another copy of methodview (ESM and CommonJS). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, value);
  }
}
brand(MethodView, "MethodView");

function rootTable(cls: ViewClass): MethodTable {
  const table = methodTablesOf(cls).byPath.get("");
  if (table === undefined) throw new ConfigurationError("MV_NO_HANDLER", `${cls.name} has no handler at its root path`);
  return table;
}

/**
 * The view function serving one path of a MethodView class. Fails at mount time, naming the
 * class, when the path has no handler.
 */
export function methodViewFunction(cls: ViewClass, name: string, path: string, classArgs: readonly unknown[]): ViewFunction {
  if (typeof name !== "string" || name === "") {
    throw new TypeError(`${cls.name}.asView(name): name must be a non-empty string`);
  }
  const tables = methodTablesOf(cls);
  const table = tables.byPath.get(path);
  if (table === undefined) {
    const known = [...tables.byPath.keys()].map((p) => `"${p || "/"}"`).join(", ") || "none";
    throw new ConfigurationError(
      "MV_NO_HANDLER",
      `${cls.name} has no handler for the path "${path || "/"}" (its paths: ${known}); add a get() method or a decorated handler`,
    );
  }
  if (Object.hasOwn(cls, "schemas")) {
    throw new ConfigurationError(
      "MV_SCHEMAS_ON_METHOD_VIEW",
      `${cls.name}: a MethodView declares its schemas per handler, in its decorators' options (@post({ body })), not in static schemas`,
    );
  }
  const declared: Record<string, DeclaredRoute> = Object.create(null) as Record<string, DeclaredRoute>;
  for (const [method, options] of Object.entries(table.options)) {
    declared[method] = { handler: `${cls.name}.${String(table.handlers[method] as PropertyKey)}()`, options };
  }
  const facts = { methods: table.methods, provideAutomaticOptions: table.provideAutomaticOptions, declared };
  return buildViewFunction(cls, name, classArgs, facts, (instance, ctx) => {
    (ctx as WithTable)[METHOD_TABLE] = table;
    return instance.dispatchRequest(ctx);
  });
}
