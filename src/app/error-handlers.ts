import type { RequestContext } from "../core/context.js";
import { identityOf } from "../core/brand.js";
import { isHttpError } from "../core/describe-error.js";
import type { HandlerResult } from "../core/view-function.js";

/** Turns an error into a response; sync or async. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorHandler<E = any> = (error: E, ctx: RequestContext) => HandlerResult;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ErrorClass = abstract new (...args: any[]) => unknown;

/**
 * Error handlers by status and by error class. The most specific wins: the status of an
 * `HttpError`, then the nearest class along the error's prototype chain; an error that is
 * not an `HttpError` falls back to a 500 handler. Classes are keyed by their brand, so a
 * handler for the CommonJS `NotFound` also catches the ESM one.
 */
export class ErrorHandlers {
  private readonly byStatus = new Map<number, ErrorHandler>();
  private readonly byClass = new Map<unknown, ErrorHandler>();
  private readonly cache = new Map<unknown, ErrorHandler | null>();

  add(key: number | ErrorClass, handler: ErrorHandler): void {
    if (typeof handler !== "function") {
      throw new TypeError(`app.errorHandler(key, fn) expects fn to be a function, got ${typeof handler}`);
    }
    if (typeof key === "number") {
      if (!Number.isInteger(key) || key < 400 || key > 599) {
        throw new TypeError(`app.errorHandler(status, fn) expects an error status from 400 to 599, got ${key}`);
      }
      this.byStatus.set(key, handler);
    } else if (typeof key === "function" && (key === Error || key.prototype instanceof Error)) {
      this.byClass.set(identityOf(key), handler);
    } else {
      throw new TypeError("app.errorHandler(key, fn) expects an HTTP error status (400-599) or an Error class");
    }
    this.cache.clear();
  }

  /** The handler for `error`, or undefined when none matches. */
  find(error: unknown): ErrorHandler | undefined {
    const http = isHttpError(error);
    if (http) {
      const byStatus = this.byStatus.get(error.status);
      if (byStatus !== undefined) return byStatus;
    }
    const byClass = this.findByClass(error);
    if (byClass !== undefined) return byClass;
    return http ? undefined : this.byStatus.get(500);
  }

  private findByClass(error: unknown): ErrorHandler | undefined {
    if (this.byClass.size === 0 || error === null || typeof error !== "object") return undefined;
    try {
      return this.classHandler(error);
    } catch {
      // A revoked Proxy or a throwing getter: no class to match it by.
      return undefined;
    }
  }

  private classHandler(error: object): ErrorHandler | undefined {
    const ctor = error.constructor;
    let found = this.cache.get(ctor);
    if (found === undefined) {
      found = null;
      for (let proto = Object.getPrototypeOf(error) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
        const handler = this.byClass.get(identityOf((proto as { constructor: unknown }).constructor));
        if (handler !== undefined) {
          found = handler;
          break;
        }
      }
      this.cache.set(ctor, found);
    }
    return found ?? undefined;
  }
}
