import { ConfigurationError } from "./errors.js";
import { NAMED_HANDLERS, normalizeMethods, sortMethods } from "./http-methods.js";
import { routesOf, type RouteRecord } from "./decorators/route-metadata.js";
import type { RouteOptions } from "./decorators/route-options.js";

/** Marks the automatic OPTIONS answer in a method table. */
export const AUTOMATIC_OPTIONS: unique symbol = Symbol.for("methodview.automaticOptions");

/** One path of a MethodView: which handler serves which method. Built once, at mount time. */
export interface MethodTable {
  /** The sub-path relative to where the view is mounted; "" is its root. */
  readonly path: string;
  /** Method to handler property key; HEAD falls back to GET; OPTIONS may be automatic. */
  readonly handlers: Readonly<Record<string, PropertyKey | typeof AUTOMATIC_OPTIONS>>;
  /** The methods with a handler of their own. */
  readonly methods: readonly string[];
  /** Every method the path answers, in `Allow` order, HEAD and OPTIONS included. */
  readonly allow: readonly string[];
  /** Whether OPTIONS is answered automatically here. */
  readonly provideAutomaticOptions: boolean;
  /** Method to the route options its handler's decorator declared; HEAD shares GET's. */
  readonly options: Readonly<Record<string, RouteOptions>>;
}

/** Every path of a MethodView class, in declaration order, the root first when it has one. */
export interface MethodTables {
  readonly byPath: ReadonlyMap<string, MethodTable>;
  /** Every method with a handler on some path. */
  readonly methods: readonly string[];
}

interface Binding {
  key: PropertyKey;
  depth: number;
  options: RouteOptions | undefined;
}

interface ClassLike {
  name: string;
  prototype: object;
  methods?: readonly string[];
  provideAutomaticOptions?: boolean;
}

/** The prototypes from the one just below `stop` to `cls.prototype`, base first. */
function prototypeChain(cls: ClassLike, stop: object): object[] {
  const chain: object[] = [];
  for (let proto: object | null = cls.prototype; proto !== null && proto !== stop; proto = Object.getPrototypeOf(proto) as object | null) {
    if (proto === Object.prototype) break;
    chain.unshift(proto);
  }
  return chain;
}

/** The routes of each handler key, with the depth of the class that last defined the key. */
function collectHandlers(chain: object[]): Map<PropertyKey, { routes: readonly RouteRecord[]; depth: number }> {
  const found = new Map<PropertyKey, { routes: readonly RouteRecord[]; depth: number }>();
  chain.forEach((proto, depth) => {
    for (const key of Reflect.ownKeys(proto)) {
      if (key === "constructor") continue;
      const descriptor = Reflect.getOwnPropertyDescriptor(proto, key);
      if (descriptor === undefined || typeof descriptor.value !== "function") continue;
      const recorded = routesOf(descriptor.value as object);
      const inherited = found.get(key);
      if (recorded !== undefined) {
        found.set(key, { routes: recorded, depth });
      } else if (inherited !== undefined) {
        // An override without decorators keeps the routes of the method it overrides.
        found.set(key, { routes: inherited.routes, depth });
      } else if (typeof key === "string" && Object.hasOwn(NAMED_HANDLERS, key)) {
        found.set(key, { routes: [{ methods: [NAMED_HANDLERS[key] as string], path: "" }], depth });
      }
    }
  });
  return found;
}

/** Binds each listed method that has no handler at the root path to the function of its lower-case name. */
function bindListedByName(cls: ClassLike, methods: readonly string[], bindings: Map<string, Map<string, Binding>>): void {
  for (const method of methods) {
    const key = method.toLowerCase();
    if (method === "HEAD" || method === "OPTIONS" || typeof (cls.prototype as Record<string, unknown>)[key] !== "function") continue;
    let root = bindings.get("");
    if (root === undefined) bindings.set("", (root = new Map()));
    if (!root.has(method)) root.set(method, { key, depth: Number.MAX_SAFE_INTEGER, options: undefined });
  }
}

function describeKey(key: PropertyKey): string {
  return `${String(key)}()`;
}

/**
 * Resolves a MethodView class's handlers, named and decorated, own and inherited, into one
 * method table per path. Throws a {@link ConfigurationError} naming the class for a method
 * it lists without a handler and for two handlers of one class on the same method and path.
 */
export function compileMethodTables(cls: ClassLike, stop: object): MethodTables {
  const bindings = new Map<string, Map<string, Binding>>();
  for (const [key, { routes, depth }] of collectHandlers(prototypeChain(cls, stop))) {
    for (const { methods, path, options } of routes) {
      let table = bindings.get(path);
      if (table === undefined) bindings.set(path, (table = new Map()));
      for (const method of methods) {
        const existing = table.get(method);
        if (existing !== undefined && existing.depth === depth && existing.key !== key) {
          throw new ConfigurationError(
            "MV_DUPLICATE_HANDLER",
            `${cls.name}: ${method} ${path || "/"} is handled by both ${describeKey(existing.key)} and ${describeKey(key)}`,
          );
        }
        if (existing === undefined || existing.depth <= depth) table.set(method, { key, depth, options });
      }
    }
  }

  // Flask's rule: a class's own `methods` is the list it serves; without one, it serves what
  // its bases list plus every handler it has. A listed method with no named or decorated
  // handler is served by the method of its lower-case name (`PROPFIND` by `propfind()`).
  const listed = Object.hasOwn(cls, "methods") ? normalizeMethods(cls.methods, `${cls.name}.methods`) : undefined;
  const inherited = listed ?? (cls.methods === undefined ? undefined : normalizeMethods(cls.methods, `${cls.name}.methods`));
  bindListedByName(cls, inherited ?? [], bindings);
  if (listed !== undefined) {
    for (const method of listed) {
      const served = [...bindings.values()].some(
        (table) => table.has(method) || (method === "HEAD" && table.has("GET")) || method === "OPTIONS",
      );
      if (!served) {
        throw new ConfigurationError(
          "MV_NO_HANDLER",
          `${cls.name} lists ${method} in its methods but has no handler for it: add a ${method.toLowerCase()}() method or a decorated one`,
        );
      }
    }
  }

  const automatic = cls.provideAutomaticOptions ?? true;
  const byPath = new Map<string, MethodTable>();
  const all = new Set<string>();
  const paths = [...bindings.keys()].sort((a, b) => (a === "" ? -1 : b === "" ? 1 : 0));
  for (const path of paths) {
    const table = bindings.get(path) as Map<string, Binding>;
    const handlers: Record<string, PropertyKey | typeof AUTOMATIC_OPTIONS> = Object.create(null) as Record<string, PropertyKey>;
    const options: Record<string, RouteOptions> = Object.create(null) as Record<string, RouteOptions>;
    for (const [method, binding] of table) {
      if (listed !== undefined && !listed.includes(method)) continue;
      handlers[method] = binding.key;
      if (binding.options !== undefined) options[method] = binding.options;
    }
    const methods = Object.keys(handlers);
    if (methods.length === 0) continue;
    if (handlers.GET !== undefined && handlers.HEAD === undefined) {
      handlers.HEAD = handlers.GET;
      if (options.GET !== undefined) options.HEAD = options.GET;
    }
    const provideAutomaticOptions = automatic && handlers.OPTIONS === undefined;
    if (provideAutomaticOptions) handlers.OPTIONS = AUTOMATIC_OPTIONS;
    methods.forEach((method) => all.add(method));
    byPath.set(path, { path, handlers, methods: sortMethods(methods), allow: sortMethods(Object.keys(handlers)), provideAutomaticOptions, options });
  }
  return { byPath, methods: sortMethods(all) };
}
