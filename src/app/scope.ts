import { ErrorHandlers } from "./error-handlers.js";
import type { AfterRequestHook, BeforeRequestHook, TeardownHook } from "./hooks.js";

/**
 * Hooks and error handlers that apply to some rules: the App's apply to every request, a
 * blueprint's to the rules it registered (and those of the blueprints nested in it).
 */
export class Scope {
  readonly before: BeforeRequestHook[] = [];
  readonly after: AfterRequestHook[] = [];
  readonly teardown: TeardownHook[] = [];
  readonly errorHandlers = new ErrorHandlers();
}

/** Bumped by every hook registration anywhere, so a rule's flattened hooks know when to rebuild. */
let version = 0;

/** Marks the hooks as changed (a registration). */
export function hooksChanged(): void {
  version++;
}

/** The hooks of a rule's scopes, flattened in the order they run. */
export interface RunOrder {
  readonly version: number;
  /** Outer scope first (the App), each in registration order: Flask's `before_request` order. */
  readonly before: readonly BeforeRequestHook[];
  /** Inner scope first, each in reverse registration order. */
  readonly after: readonly AfterRequestHook[];
  /** Inner scope first, each in reverse registration order. */
  readonly teardown: readonly TeardownHook[];
  /** Inner scope first: a blueprint's handler wins over the App's. */
  readonly errorHandlers: readonly ErrorHandlers[];
  /** No before, after or teardown hook: the view's result is the response. */
  readonly hookless: boolean;
}

/** The run order of `scopes` (outer first), rebuilt only after a registration changed a hook. */
export function runOrderOf(scopes: readonly Scope[], cached: RunOrder | undefined): RunOrder {
  if (cached !== undefined && cached.version === version) return cached;
  const inner = [...scopes].reverse();
  const before = scopes.flatMap((s) => s.before);
  const after = inner.flatMap((s) => [...s.after].reverse());
  const teardown = inner.flatMap((s) => [...s.teardown].reverse());
  const hookless = before.length === 0 && after.length === 0 && teardown.length === 0;
  return { version, before, after, teardown, errorHandlers: inner.map((s) => s.errorHandlers), hookless };
}
