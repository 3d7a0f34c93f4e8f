import type { Handler } from "../core/view-function.js";

/** Options of `app.get(rule, handler, options)` and the other method shortcuts. */
export interface ShortcutOptions {
  /** @default the handler's name, else `"GET /rule"` (the method and the rule) */
  endpoint?: string;
}

/**
 * `route()` for one method each, on the App and on a Blueprint: Flask's `app.get`,
 * `app.post`, ... An anonymous handler's endpoint is `"<METHOD> <rule>"`.
 */
export interface MethodShortcuts {
  /** `route()` for GET (HEAD and OPTIONS come with it). */
  get(rule: string, handler: Handler, options?: ShortcutOptions): this;
  /** `route()` for POST. */
  post(rule: string, handler: Handler, options?: ShortcutOptions): this;
  /** `route()` for PUT. */
  put(rule: string, handler: Handler, options?: ShortcutOptions): this;
  /** `route()` for PATCH. */
  patch(rule: string, handler: Handler, options?: ShortcutOptions): this;
  /** `route()` for DELETE. */
  delete(rule: string, handler: Handler, options?: ShortcutOptions): this;
}

interface Routable {
  route(rule: string, handler: Handler, options: { methods: readonly string[]; endpoint?: string }): unknown;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Puts the method shortcuts on `cls`'s prototype, once, at module load. */
export function addMethodShortcuts(cls: { prototype: Routable }): void {
  for (const method of METHODS) {
    Object.defineProperty(cls.prototype, method.toLowerCase(), {
      configurable: true,
      writable: true,
      value: function shortcut(this: Routable, rule: string, handler: Handler, options: ShortcutOptions = {}) {
        return this.route(rule, handler, { endpoint: options.endpoint ?? (handler?.name || `${method} ${rule}`), methods: [method] });
      },
    });
  }
}
