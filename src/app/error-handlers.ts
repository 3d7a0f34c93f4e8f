import type { RequestContext } from "../core/context.js";
import {
  BadRequest,
  Conflict,
  Forbidden,
  HttpError,
  InternalServerError,
  MethodNotAllowed,
  NotFound,
  PayloadTooLarge,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
  UnprocessableEntity,
  UnsupportedMediaType,
} from "../core/errors.js";
import { identityOf } from "../core/brand.js";
import { isHttpError } from "../core/describe-error.js";
import type { HandlerResult } from "../core/view-function.js";

/** Turns an error into a response; sync or async. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorHandler<E = any> = (error: E, ctx: RequestContext) => HandlerResult;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ErrorClass = abstract new (...args: any[]) => unknown;

/** The class of each status that has one: a handler for the status is the handler of the class. */
const STATUS_CLASSES = new Map<number, ErrorClass>([
  [400, BadRequest],
  [401, Unauthorized],
  [403, Forbidden],
  [404, NotFound],
  [405, MethodNotAllowed],
  [409, Conflict],
  [413, PayloadTooLarge],
  [415, UnsupportedMediaType],
  [422, UnprocessableEntity],
  [429, TooManyRequests],
  [500, InternalServerError],
  [503, ServiceUnavailable],
]);

/**
 * Error handlers by status and by error class, found as Flask finds them: a handler
 * registered for a status is the handler of that status's class (403 is `Forbidden`), and
 * the nearest class along the error's prototype chain wins, so a handler for a subclass of
 * `Forbidden` beats the 403 handler. A status without a class of its own (418) is looked up
 * when the chain reaches `HttpError`; an error that is not an `HttpError` falls back to the
 * 500 handler.
 */
export class ErrorHandlers {
  private readonly byStatus = new Map<number, ErrorHandler>();
  private readonly byClass = new Map<unknown, ErrorHandler>();

  add(key: number | ErrorClass, handler: ErrorHandler): void {
    if (typeof handler !== "function") {
      throw new TypeError(`app.errorHandler(key, fn) expects fn to be a function, got ${typeof handler}`);
    }
    if (typeof key === "number") {
      if (!Number.isInteger(key) || key < 400 || key > 599) {
        throw new TypeError(`app.errorHandler(status, fn) expects an error status from 400 to 599, got ${key}`);
      }
      const named = STATUS_CLASSES.get(key);
      if (named !== undefined) this.byClass.set(identityOf(named), handler);
      else this.byStatus.set(key, handler);
    } else if (typeof key === "function" && (key === Error || key.prototype instanceof Error)) {
      this.byClass.set(identityOf(key), handler);
    } else {
      throw new TypeError("app.errorHandler(key, fn) expects an HTTP error status (400-599) or an Error class");
    }
  }

  /** Whether any handler is registered. */
  get size(): number {
    return this.byStatus.size + this.byClass.size;
  }

  /** The handler for `error`, or undefined when none matches. */
  find(error: unknown): ErrorHandler | undefined {
    try {
      return this.lookup(error);
    } catch {
      // A thrown value that cannot be inspected (a revoked Proxy) is an internal error.
      return this.forStatus(500);
    }
  }

  private lookup(error: unknown): ErrorHandler | undefined {
    if (error !== null && typeof error === "object") {
      for (let proto = Object.getPrototypeOf(error) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
        const ctor = (proto as { constructor?: unknown }).constructor;
        const handler = this.byClass.get(identityOf(ctor));
        if (handler !== undefined) return handler;
        if (ctor === HttpError) return this.forStatus((error as HttpError).status);
      }
    }
    return isHttpError(error) ? this.forStatus(error.status) : this.forStatus(500);
  }

  private forStatus(status: number): ErrorHandler | undefined {
    const named = STATUS_CLASSES.get(status);
    return named !== undefined ? this.byClass.get(identityOf(named)) : this.byStatus.get(status);
  }
}
