import { HttpError } from "./errors.js";

/**
 * Whether `error` is an {@link HttpError}, for any thrown value: `instanceof` itself throws on
 * a revoked Proxy, and a thrown value must never break the request that handles it.
 */
export function isHttpError(error: unknown): error is HttpError {
  try {
    return error instanceof HttpError;
  } catch {
    return false;
  }
}

/**
 * Whether `error` is an {@link HttpError} with an error status (400-599) its response can
 * show; any other thrown value, an HttpError whose `status` was overwritten too, is a bug.
 */
export function isShownError(error: unknown): error is HttpError {
  if (!isHttpError(error)) return false;
  try {
    const { status } = error;
    return Number.isInteger(status) && status >= 400 && status <= 599;
  } catch {
    return false;
  }
}

/** A line naming a thrown value, for logs. Never throws (a `message` getter may, a revoked Proxy does). */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return `${String(error.name)}: ${String(error.message)}`;
    return `throw of ${error === null ? "null" : typeof error}`;
  } catch {
    return "a thrown value that cannot be described";
  }
}
