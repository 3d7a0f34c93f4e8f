import { describeError } from "../core/describe-error.js";

/** Where the App reports what it cannot send to a client: errors in hooks, teardowns, background work. */
export interface Logger {
  error(message: string, error?: unknown): void;
  warn(message: string, detail?: unknown): void;
}

/**
 * Logs an error with `logger`, never throwing: a logger (the console too) may throw on a value
 * it cannot print, such as an Error whose `message` getter throws; then the line is logged alone.
 */
export function logError(logger: Logger, message: string, error: unknown): void {
  try {
    logger.error(message, error);
  } catch {
    try {
      logger.error(`${message} (${describeError(error)})`);
    } catch {
      // A logger that cannot log: the request still gets its answer.
    }
  }
}

/** The default logger: the console. */
export const consoleLogger: Logger = {
  error: (message, error) => console.error(`[methodview] ${message}`, error ?? ""),
  warn: (message, detail) => console.warn(`[methodview] ${message}`, detail ?? ""),
};
