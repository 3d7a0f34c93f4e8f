/** Where the App reports what it cannot send to a client: errors in hooks, teardowns, background work. */
export interface Logger {
  error(message: string, error?: unknown): void;
  warn(message: string, detail?: unknown): void;
}

/** The default logger: the console. */
export const consoleLogger: Logger = {
  error: (message, error) => console.error(`[methodview] ${message}`, error ?? ""),
  warn: (message, detail) => console.warn(`[methodview] ${message}`, detail ?? ""),
};
