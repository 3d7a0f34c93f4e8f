import { normalizeMethods } from "../http-methods.js";
import { recordRoute, type RouteRecord } from "./route-metadata.js";
import type { RouteOptions } from "./route-options.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Method = (...args: any[]) => unknown;

/**
 * A method decorator that works under both `experimentalDecorators` (legacy, as tsyringe
 * needs) and standard TC39 decorators.
 */
export interface HandlerDecorator {
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): void;
  (value: Method, context: ClassMethodDecoratorContext): void;
}

/**
 * `@get`, `@get()`, `@get("/:id")`, `@get("/:id", { params })` and `@get({ query })`: usable
 * bare or called with an optional sub-path and the route's options (see docs/validation.md).
 */
export interface RouteDecorator extends HandlerDecorator {
  (path?: string, options?: RouteOptions): HandlerDecorator;
  (options: RouteOptions): HandlerDecorator;
}

/** A sub-path as routes store it: "" for the view's root, else with one leading slash. */
export function normalizeSubPath(path: string, owner: string): string {
  if (typeof path !== "string") {
    throw new TypeError(`${owner}: the sub-path must be a string such as "/:id", got ${typeof path}`);
  }
  if (path === "" || path === "/") return "";
  return path.startsWith("/") ? path : `/${path}`;
}

function isDecoratorContext(value: unknown): value is DecoratorContext {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";
}

/** Whether a decorator was applied directly (`@get`) rather than called (`@get(...)`). */
function isDirect(args: unknown[]): boolean {
  if (args.length === 3) return true;
  return args.length === 2 && typeof args[0] === "function" && isDecoratorContext(args[1]);
}

function checkOptions(options: unknown, owner: string): RouteOptions | undefined {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${owner}: the options must be an object such as { body, query, params, headers, responses }, got ${options === null ? "null" : typeof options}`);
  }
  return options as RouteOptions;
}

/** The path and options of `(path?, options?)` or `(options)`. */
function pathAndOptions(first: unknown, second: unknown, owner: string): { path: string; options?: RouteOptions } {
  if (first !== null && typeof first === "object") {
    if (second !== undefined) throw new TypeError(`${owner}: pass (path, options) or (options), not options twice`);
    return { path: "", options: first as RouteOptions };
  }
  const options = checkOptions(second, owner);
  const path = normalizeSubPath((first as string | undefined) ?? "", owner);
  return options === undefined ? { path } : { path, options };
}

function record(owner: string, route: RouteRecord, args: unknown[]): void {
  const [first, second, third] = args;
  if (args.length === 2 && isDecoratorContext(second)) {
    if (second.kind !== "method" || second.static || second.private) {
      const what = second.kind === "method" ? `${second.static ? "static" : "private"} method` : second.kind;
      throw new TypeError(`${owner} decorates public instance methods, not a ${what}`);
    }
    recordRoute(first as Method, route);
    return;
  }
  const descriptor = third as PropertyDescriptor | undefined;
  if (typeof first === "function") {
    throw new TypeError(`${owner} decorates instance methods, not the static ${String(second)}`);
  }
  if (descriptor === undefined || typeof descriptor.value !== "function") {
    throw new TypeError(`${owner} decorates methods; ${String(second)} is not one`);
  }
  recordRoute(descriptor.value as Method, route);
}

/** Makes a route decorator for fixed methods, named `name` in its errors. */
export function routeDecorator(name: string, methods: readonly string[]): RouteDecorator {
  const owner = `@${name}`;
  return function decorator(...args: unknown[]): HandlerDecorator | undefined {
    if (!isDirect(args)) {
      const route: RouteRecord = { ...pathAndOptions(args[0], args[1], owner), methods };
      return function apply(...inner: unknown[]) {
        record(owner, route, inner);
      } as HandlerDecorator;
    }
    record(owner, { methods, path: "" }, args);
    return undefined;
  } as RouteDecorator;
}

/**
 * Marks a handler for several or custom methods, at an optional sub-path, with optional
 * route options (`@route(["PUT", "PATCH"], "/:id", { body })`).
 *
 * @example
 * ```ts
 * import { MethodView, route } from "methodview";
 * class Files extends MethodView {
 *   @route(["GET", "PROPFIND"], "/:name")
 *   describe() { return { ok: true }; }
 * }
 * ```
 */
export function route(methods: readonly string[], path?: string, options?: RouteOptions): HandlerDecorator;
export function route(methods: readonly string[], options: RouteOptions): HandlerDecorator;
export function route(methods: readonly string[], path?: string | RouteOptions, options?: RouteOptions): HandlerDecorator {
  const owner = "@route";
  const record_: RouteRecord = { ...pathAndOptions(path, options, owner), methods: normalizeMethods(methods, owner) };
  return function apply(...args: unknown[]) {
    record(owner, record_, args);
  } as HandlerDecorator;
}
