import "reflect-metadata";
import type { RouteOptions } from "./route-options.js";

/** The metadata key under which `@get`, `@post`, ... and `@route` record their routes. */
export const ROUTES_METADATA = Symbol.for("methodview:routes");

/** One route a decorator recorded on a handler method. */
export interface RouteRecord {
  /** Upper-case methods. */
  readonly methods: readonly string[];
  /** The sub-path relative to where the view is mounted; "" is the view's root. */
  readonly path: string;
  /** The route's contract as declared; checked when the view is mounted. */
  readonly options?: RouteOptions;
}

/** The routes recorded on one handler function (its own, not inherited). */
export function routesOf(handler: object): readonly RouteRecord[] | undefined {
  return Reflect.getOwnMetadata(ROUTES_METADATA, handler) as readonly RouteRecord[] | undefined;
}

export function recordRoute(handler: object, route: RouteRecord): void {
  const previous = routesOf(handler) ?? [];
  Reflect.defineMetadata(ROUTES_METADATA, [...previous, route], handler);
}
