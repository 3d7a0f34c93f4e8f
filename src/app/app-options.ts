import { container as rootContainer, type DependencyContainer } from "tsyringe";
import { Dispatcher } from "../core/dispatcher.js";
import type { BackgroundErrorHandler } from "./background-work.js";
import type { FormLimits } from "./form.js";
import { consoleLogger, type Logger } from "./logger.js";

/** Options of `new App(options)`. */
export interface AppOptions {
  /** The application container; each request gets a child of it. @default a child of tsyringe's root container */
  container?: DependencyContainer;
  /** Runs every handler, hook and error handler. @default new Dispatcher() */
  dispatcher?: Dispatcher;
  /** Whether `currentContext()` works (AsyncLocalStorage). @default true */
  asyncContext?: boolean;
  /** The largest request body read, in bytes; past it, 413. @default 1048576 (1 MiB) */
  bodyLimit?: number;
  /**
   * Milliseconds a handler's body read may wait for the client to send the whole body
   * (`ctx.body()`, `ctx.text()`, `ctx.json()`, `ctx.request`'s readers); past it, 408 and the
   * connection closes. 0 turns the limit off. @default 30000 (30 s)
   */
  bodyTimeout?: number;
  /** How long `app.close()` waits for background work, in ms. @default 5000 */
  shutdownTimeout?: number;
  /** Receives background failures. @default logged */
  onBackgroundError?: BackgroundErrorHandler;
  /** Whether OPTIONS is answered automatically where a rule allows it; a view or rule may say otherwise. @default true */
  provideAutomaticOptions?: boolean;
  /**
   * Flask's `strict_slashes`, for every rule that does not say: a rule `/users/` answers
   * `/users` with a 308 to `/users/`; `false` serves both forms of every rule. @default true
   */
  strictSlashes?: boolean;
  /** Where the App reports errors it cannot send to a client. @default the console */
  logger?: Logger;
  /**
   * Milliseconds an async request may take before it is answered with 503 and its
   * `ctx.signal` aborted; 0 turns the limit off. @default 0 (off)
   */
  handlerTimeout?: number;
  /**
   * Whether a handler's JSON result is checked against the schema its route declares for the
   * status (`responses`); a mismatch is a logged 500. It parses every such response again:
   * turn it on in development and tests. @default false
   */
  validateResponses?: boolean;
  /** Limits on `ctx.form()`: files, bytes per file, fields. @default { files: 10, fileSize: bodyLimit, fields: 1000 } */
  formLimits?: FormLimits;
}

/** The options with every default applied. */
export type ResolvedAppOptions = Required<Omit<AppOptions, "formLimits">> & { formLimits: Required<FormLimits> };

const KNOWN = [
  "container",
  "dispatcher",
  "asyncContext",
  "bodyLimit",
  "bodyTimeout",
  "shutdownTimeout",
  "onBackgroundError",
  "provideAutomaticOptions",
  "strictSlashes",
  "logger",
  "handlerTimeout",
  "validateResponses",
  "formLimits",
] as const;

function expect(ok: boolean, name: string, expected: string, value: unknown): void {
  if (!ok) throw new TypeError(`new App({ ${name} }): expected ${expected}, got ${value === null ? "null" : typeof value}`);
}

/** Validates the options (unknown ones are a TypeError) and fills in the defaults. */
export function resolveAppOptions(options: AppOptions = {}): ResolvedAppOptions {
  if (options === null || typeof options !== "object") throw new TypeError("new App(options): options must be an object");
  for (const key of Object.keys(options)) {
    if (!(KNOWN as readonly string[]).includes(key)) {
      throw new TypeError(`new App(options): unknown option "${key}"; the options are ${KNOWN.join(", ")}`);
    }
  }
  const o = options;
  expect(o.container === undefined || typeof o.container?.createChildContainer === "function", "container", "a tsyringe container", o.container);
  expect(o.dispatcher === undefined || o.dispatcher instanceof Dispatcher, "dispatcher", "a Dispatcher", o.dispatcher);
  expect(o.asyncContext === undefined || typeof o.asyncContext === "boolean", "asyncContext", "a boolean", o.asyncContext);
  expect(o.bodyLimit === undefined || (Number.isInteger(o.bodyLimit) && o.bodyLimit >= 0), "bodyLimit", "a whole number of bytes", o.bodyLimit);
  expect(o.bodyTimeout === undefined || (Number.isFinite(o.bodyTimeout) && o.bodyTimeout >= 0), "bodyTimeout", "a number of milliseconds (0 for none)", o.bodyTimeout);
  expect(o.shutdownTimeout === undefined || (Number.isFinite(o.shutdownTimeout) && o.shutdownTimeout >= 0), "shutdownTimeout", "a number of milliseconds", o.shutdownTimeout);
  expect(o.onBackgroundError === undefined || typeof o.onBackgroundError === "function", "onBackgroundError", "a function", o.onBackgroundError);
  expect(o.provideAutomaticOptions === undefined || typeof o.provideAutomaticOptions === "boolean", "provideAutomaticOptions", "a boolean", o.provideAutomaticOptions);
  expect(o.strictSlashes === undefined || typeof o.strictSlashes === "boolean", "strictSlashes", "a boolean", o.strictSlashes);
  expect(o.logger === undefined || (typeof o.logger?.error === "function" && typeof o.logger?.warn === "function"), "logger", "an object with error() and warn()", o.logger);
  expect(o.handlerTimeout === undefined || (Number.isFinite(o.handlerTimeout) && o.handlerTimeout >= 0), "handlerTimeout", "a number of milliseconds (0 for none)", o.handlerTimeout);
  expect(o.validateResponses === undefined || typeof o.validateResponses === "boolean", "validateResponses", "a boolean", o.validateResponses);
  expect(o.formLimits === undefined || (typeof o.formLimits === "object" && o.formLimits !== null), "formLimits", "an object", o.formLimits);
  for (const [key, value] of Object.entries(o.formLimits ?? {})) {
    expect(["files", "fileSize", "fields"].includes(key) && Number.isInteger(value) && (value as number) >= 0, `formLimits.${key}`, "a whole number (files, fileSize or fields)", value);
  }
  const logger = o.logger ?? consoleLogger;
  const bodyLimit = o.bodyLimit ?? 1024 * 1024;
  return {
    container: o.container ?? rootContainer.createChildContainer(),
    dispatcher: o.dispatcher ?? new Dispatcher(),
    asyncContext: o.asyncContext ?? true,
    bodyLimit,
    bodyTimeout: o.bodyTimeout ?? 30_000,
    shutdownTimeout: o.shutdownTimeout ?? 5000,
    onBackgroundError: o.onBackgroundError ?? ((error) => logger.error("background work failed", error)),
    provideAutomaticOptions: o.provideAutomaticOptions ?? true,
    strictSlashes: o.strictSlashes ?? true,
    logger,
    handlerTimeout: o.handlerTimeout ?? 0,
    validateResponses: o.validateResponses ?? false,
    formLimits: { files: 10, fileSize: bodyLimit, fields: 1000, ...o.formLimits },
  };
}
