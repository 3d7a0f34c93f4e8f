import type { Handler, ViewClass } from "../core/view-function.js";
import type { ErrorHandler } from "./error-handlers.js";
import { addMethodShortcuts, type MethodShortcuts } from "./method-shortcuts.js";
import { assertFunction, type AfterRequestHook, type BeforeRequestHook, type TeardownHook } from "./hooks.js";
import { hooksChanged, Scope } from "./scope.js";

/** Options of `new Blueprint(name, options)` and of `registerBlueprint(bp, options)`. */
export interface BlueprintOptions {
  /** A prefix for every rule of the blueprint, such as `/admin`. @default "" */
  urlPrefix?: string;
}

/** Options of `app.registerBlueprint(bp, options)`: the blueprint's own, or others for this registration. */
export interface RegisterBlueprintOptions extends BlueprintOptions {
  /** The name its endpoints get (`name.endpoint`); needed to register one blueprint twice. @default bp.name */
  name?: string;
}

/** What a blueprint's rules are registered with: the App's own registration methods. */
export interface RuleSink {
  addScopedRule(rule: string, options: { viewFunc: Handler; endpoint?: string; methods?: readonly string[]; provideAutomaticOptions?: boolean }, scopes: readonly Scope[]): void;
  registerScoped(prefix: string, viewClass: ViewClass, options: { name: string; classArgs?: readonly unknown[] }, scopes: readonly Scope[]): void;
}

/** Where a blueprint is being registered: what its rules and nested blueprints are given. */
export interface BlueprintSetup {
  /** The URL prefix so far (the parents' and this registration's). */
  readonly prefix: string;
  /** The dotted name so far (`parent.child`); "" for the App itself. */
  readonly name: string;
  /** The scopes of hooks its rules run in, the App's first. */
  readonly scopes: readonly Scope[];
  /** The App's own scope, for `beforeAppRequest()` and the like. */
  readonly appScope: Scope;
  readonly sink: RuleSink;
  /** Every blueprint name registered on the App so far. */
  readonly names: Set<string>;
}

type Deferred = (setup: BlueprintSetup) => void;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ErrorKey = number | (abstract new (...args: any[]) => Error);

const NAME = /^[A-Za-z0-9_-]+$/;

function joinPrefix(prefix: string, rule: string): string {
  const base = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  return base + rule || "/";
}

function checkPrefix(prefix: unknown, where: string): string {
  if (prefix === undefined || prefix === "") return "";
  if (typeof prefix !== "string" || !prefix.startsWith("/")) throw new TypeError(`${where}: urlPrefix must be a path starting with "/", got ${JSON.stringify(prefix)}`);
  return prefix;
}

/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging -- the method shortcuts: see the end of the file */
/**
 * A group of rules, hooks and error handlers registered on an App together, under a URL
 * prefix and a name: Flask's `Blueprint`. Its `beforeRequest`, `afterRequest`,
 * `teardownRequest` and `errorHandler` apply to its own rules only (and those of blueprints
 * nested in it); `beforeAppRequest` and the like apply to every request of the App. Its
 * endpoints are named `name.endpoint`, and `urlFor(".endpoint")` inside one of its requests
 * means an endpoint of the same blueprint. One blueprint may be registered twice, under two
 * names.
 *
 * @example
 * ```ts
 * import { App, Blueprint } from "methodview";
 *
 * const admin = new Blueprint("admin", { urlPrefix: "/admin" });
 * admin.beforeRequest((ctx) => (ctx.headers.get("x-role") === "admin" ? undefined : ["no", 403]));
 * admin.get("/users", () => ["ada"], { endpoint: "users" });
 *
 * const app = new App();
 * app.registerBlueprint(admin);
 * console.assert(app.urlFor("admin.users") === "/admin/users");
 * console.assert((await app.request("/admin/users")).status === 403);
 * ```
 * @see docs/blueprints.md
 */
export class Blueprint {
  readonly name: string;
  readonly urlPrefix: string;
  /** Its hooks and error handlers, which apply to its own rules. */
  readonly scope = new Scope();
  private readonly deferred: Deferred[] = [];
  private readonly appHooksDone = new WeakSet<object>();
  private readonly appHooks: ((appScope: Scope) => void)[] = [];

  constructor(name: string, options: BlueprintOptions = {}) {
    if (typeof name !== "string" || !NAME.test(name)) {
      throw new TypeError(`new Blueprint(name): name must be letters, digits, "_" or "-" (no dot: dots join nested names), got ${JSON.stringify(name)}`);
    }
    this.name = name;
    this.urlPrefix = checkPrefix(options?.urlPrefix, `new Blueprint("${name}")`);
  }

  /** Registers a view function at `rule` (relative to the prefix) when the blueprint is registered. */
  addUrlRule(rule: string, options: { viewFunc: Handler; endpoint?: string; methods?: readonly string[]; provideAutomaticOptions?: boolean }): this {
    if (typeof rule !== "string" || !rule.startsWith("/")) throw new TypeError(`${this.name}.addUrlRule(rule): rule must be a path starting with "/", got ${JSON.stringify(rule)}`);
    assertFunction(options?.viewFunc, `${this.name}.addUrlRule("${rule}", { viewFunc })`);
    const endpoint = options.endpoint ?? (options.viewFunc as { viewName?: string }).viewName ?? options.viewFunc.name;
    if (typeof endpoint !== "string" || endpoint === "") throw new TypeError(`${this.name}.addUrlRule("${rule}"): pass an endpoint; the view function has no name`);
    if (endpoint.includes(".")) throw new TypeError(`${this.name}.addUrlRule("${rule}"): an endpoint may not contain a dot (dots join blueprint names), got "${endpoint}"`);
    this.deferred.push((setup) => setup.sink.addScopedRule(joinPrefix(setup.prefix, rule), { ...options, endpoint: `${setup.name}.${endpoint}` }, setup.scopes));
    return this;
  }

  /** Registers a plain function handler (sync or async) at `rule`. */
  route(rule: string, handler: Handler, options: { methods?: readonly string[]; endpoint?: string } = {}): this {
    assertFunction(handler, `${this.name}.route("${String(rule)}", handler)`);
    return this.addUrlRule(rule, { viewFunc: handler, methods: options.methods ?? ["GET"], endpoint: options.endpoint ?? (handler.name || rule) });
  }






  /** Mounts a view class at `prefix` (relative to the blueprint's), as `app.register()` does. */
  register(prefix: string, viewClass: ViewClass, options: { name?: string; classArgs?: readonly unknown[] } = {}): this {
    if (typeof prefix !== "string" || (prefix !== "" && !prefix.startsWith("/"))) throw new TypeError(`${this.name}.register(prefix): prefix must be a path starting with "/"`);
    this.deferred.push((setup) =>
      setup.sink.registerScoped(joinPrefix(setup.prefix, prefix), viewClass, { ...options, name: `${setup.name}.${options.name ?? viewClass.name}` }, setup.scopes),
    );
    return this;
  }

  /** Nests `child`: its prefix and name go under this one's (`parent.child`). */
  registerBlueprint(child: Blueprint, options: RegisterBlueprintOptions = {}): this {
    if (!(child instanceof Blueprint)) throw new TypeError(`${this.name}.registerBlueprint(bp): bp must be a Blueprint`);
    if (child === this) throw new TypeError(`${this.name}.registerBlueprint(bp): a blueprint cannot be nested in itself`);
    this.deferred.push((setup) => child.setUp(setup, options));
    return this;
  }

  /** Before each request of this blueprint's rules, after the App's before hooks. */
  beforeRequest(fn: BeforeRequestHook): this {
    assertFunction(fn, `${this.name}.beforeRequest(fn)`);
    this.scope.before.push(fn);
    hooksChanged();
    return this;
  }

  /** After each request of this blueprint's rules, before the App's after hooks. */
  afterRequest(fn: AfterRequestHook): this {
    assertFunction(fn, `${this.name}.afterRequest(fn)`);
    this.scope.after.push(fn);
    hooksChanged();
    return this;
  }

  /** At the end of each request of this blueprint's rules, before the App's teardown hooks. */
  teardownRequest(fn: TeardownHook): this {
    assertFunction(fn, `${this.name}.teardownRequest(fn)`);
    this.scope.teardown.push(fn);
    hooksChanged();
    return this;
  }

  /** Handles errors raised by this blueprint's rules; it wins over the App's handler for the same error. */
  errorHandler<E extends Error>(key: ErrorKey, fn: ErrorHandler<E>): this {
    this.scope.errorHandlers.add(key, fn);
    return this;
  }

  /** Flask's `before_app_request`: a before hook of the whole App, declared here. */
  beforeAppRequest(fn: BeforeRequestHook): this {
    assertFunction(fn, `${this.name}.beforeAppRequest(fn)`);
    this.appHooks.push((app) => app.before.push(fn));
    return this;
  }

  /** Flask's `after_app_request`. */
  afterAppRequest(fn: AfterRequestHook): this {
    assertFunction(fn, `${this.name}.afterAppRequest(fn)`);
    this.appHooks.push((app) => app.after.push(fn));
    return this;
  }

  /** Flask's `teardown_app_request`. */
  teardownAppRequest(fn: TeardownHook): this {
    assertFunction(fn, `${this.name}.teardownAppRequest(fn)`);
    this.appHooks.push((app) => app.teardown.push(fn));
    return this;
  }

  /** Flask's `app_errorhandler`: an error handler of the whole App, declared here. */
  appErrorHandler<E extends Error>(key: ErrorKey, fn: ErrorHandler<E>): this {
    this.appHooks.push((app) => app.errorHandlers.add(key, fn));
    return this;
  }

  /** @internal Registers everything recorded, under `parent` (the App's setup, or a parent blueprint's). */
  setUp(parent: BlueprintSetup, options: RegisterBlueprintOptions): void {
    const own = options.name ?? this.name;
    if (typeof own !== "string" || !NAME.test(own)) throw new TypeError(`registerBlueprint(bp, { name }): name must be letters, digits, "_" or "-", got ${JSON.stringify(own)}`);
    const name = parent.name === "" ? own : `${parent.name}.${own}`;
    if (parent.names.has(name)) {
      throw new TypeError(`registerBlueprint(): a blueprint named "${name}" is already registered; give this registration another name ({ name })`);
    }
    parent.names.add(name);
    const prefix = joinPrefix(parent.prefix, checkPrefix(options.urlPrefix ?? this.urlPrefix, `registerBlueprint(${this.name})`));
    const scopes = [...parent.scopes, this.scope];
    const setup: BlueprintSetup = { prefix: prefix === "/" ? "" : prefix, name, scopes, appScope: parent.appScope, sink: parent.sink, names: parent.names };
    if (!this.appHooksDone.has(parent.appScope)) {
      this.appHooksDone.add(parent.appScope);
      for (const hook of this.appHooks) hook(parent.appScope);
      hooksChanged();
    }
    for (const step of this.deferred) step(setup);
  }
}

// The shortcuts are put on the prototype just below; the interface gives them their types.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Blueprint extends MethodShortcuts {}
addMethodShortcuts(Blueprint);
