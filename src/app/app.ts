import "reflect-metadata";
import type { DependencyContainer } from "tsyringe";
import type { RequestContext, ViewHost } from "../core/context.js";
import type { Dispatcher, MaybePromise } from "../core/dispatcher.js";
import { BadRequest, ConfigurationError, MethodNotAllowed, NotFound } from "../core/errors.js";
import { normalizeMethods, sortMethods } from "../core/http-methods.js";
import { MethodView, methodTablesOf, methodViewFunction, optionsResponse } from "../core/method-view.js";
import { finalizeResponse } from "../core/finalize-response.js";
import { errorResponse, ViewResponse } from "../core/response.js";
import { isThenable } from "../core/thenable.js";
import { View } from "../core/view.js";
import type { Handler, ViewClass, ViewFunction } from "../core/view-function.js";
import type { RouteOptions, InputSchemas } from "../core/decorators/route-options.js";
import type { Valid } from "../contract/valid.js";
import { AppContext, type ContextHost } from "./app-context.js";
import { resolveAppOptions, type AppOptions } from "./app-options.js";
import { enterInHostCallback, requestStorage, runInHostCallback, runWithContext } from "./async-context.js";
import { BackgroundWork, type DrainReport } from "./background-work.js";
import type { ErrorHandler } from "./error-handlers.js";
import { FetchSource } from "./fetch/fetch-source.js";
import { withHandlerTimeout } from "./handler-timeout.js";
import { within } from "./within.js";
import { toWebResponse } from "./fetch/web-response.js";
import { addMethodShortcuts, type MethodShortcuts } from "./method-shortcuts.js";
import { assertFunction, type AfterRequestHook, type BeforeRequestHook, type TeardownHook } from "./hooks.js";
import { Blueprint, type BlueprintSetup, type RegisterBlueprintOptions, type RuleSink } from "./blueprint.js";
import { hooksChanged, runOrderOf, Scope, type RunOrder } from "./scope.js";
import { logError, type Logger } from "./logger.js";
import { isRule, PipelineRun, runPlainView, type PipelineHost, type Target } from "./request-pipeline.js";
import type { RequestSource } from "./request-source.js";
import type { FormLimits } from "./form.js";
import { ruleContracts } from "./rule-contracts.js";
import { buildUrl } from "./url-for.js";
import { pathAsIs, resolveTarget } from "./request-target.js";
import { UrlMap, type Match, type RoutedTarget, type UrlRule } from "./url-map.js";
import { brand, isInstance } from "../core/brand.js";

/** Options of `app.addUrlRule(rule, options)`, with the route's contract (docs/validation.md). */
export interface UrlRuleOptions extends RouteOptions {
  viewFunc: Handler;
  endpoint?: string;
  methods?: readonly string[];
  provideAutomaticOptions?: boolean;
  /** Flask's `strict_slashes` for this rule. @default the App's `strictSlashes` (true) */
  strictSlashes?: boolean;
}

/** A server started by `app.listen()`. */
export interface ListeningServer {
  readonly url: string;
  readonly port: number;
  /** Closes the App (as `app.close()` does) and the server. */
  close(): Promise<CloseReport>;
}

/** What `app.close()` reports. */
export interface CloseReport {
  /** Requests still running when `shutdownTimeout` ran out (their connections were closed). */
  readonly requests: { readonly pending: number; readonly timedOut: boolean };
  /** Background work: settled, still running, and whether `shutdownTimeout` ran out. */
  readonly background: DrainReport;
}

/** A hook into `listen()` and `close()` for servers the App owns. */
interface OwnedServer {
  close(): Promise<void>;
  closeAllConnections(): void;
}

/** A view class's path under its prefix; the root keeps the prefix as written (`/users/` stays). */
function joinPath(prefix: string, path: string): string {
  if (path === "") return prefix || "/";
  const base = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  return base + path;
}

/**
 * The 308 of a strict rule `/users/` for `/users`: a relative `Location` (`./users/`), so that
 * it is right under any mount prefix a host put in front.
 */
function slashRedirect(routed: RoutedTarget): ViewResponse {
  const path = routed.target.path;
  const query = routed.target.query;
  return new ViewResponse(308, { location: `./${path.slice(path.lastIndexOf("/") + 1)}/${query === "" ? "" : `?${query}`}` }, null);
}


function decodePath(raw: string): string | undefined {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

const BAD_URL: Match = { kind: "bad-url" };

export type { RoutedTarget } from "./url-map.js";

/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging -- the method shortcuts: see the end of the file */
/**
 * How an adapter writes a response with its host's API; given once, at mount time, to
 * {@link App.handleRouted}, which calls it with each request's response and source as the
 * last step of the request (in the same continuation as the view's, for an async view).
 */
export type ResponseWriter<S, R> = (response: ViewResponse, source: S) => R;

const start = (run: PipelineRun): unknown => run.start();

/**
 * The application: a url map of views, hooks and error handlers around them, a container
 * per request, background work, and serving on node:http (`listen`) or any Fetch runtime
 * (`fetch`). The Flask application object, for TypeScript.
 *
 * @example
 * ```ts
 * import { App, MethodView } from "methodview";
 *
 * class Hello extends MethodView {
 *   get() { return { hello: "world" }; }
 * }
 * const app = new App();
 * app.register("/hello", Hello);
 * const response = await app.request("/hello");
 * console.assert(((await response.json()) as { hello: string }).hello === "world");
 * ```
 * @see docs/app.md
 */
export class App implements ViewHost, ContextHost, RuleSink, PipelineHost {
  readonly dispatcher: Dispatcher;
  readonly container: DependencyContainer;
  readonly logger: Logger;
  readonly bodyLimit: number;
  readonly formLimits: Required<FormLimits>;
  readonly bodyTimeout: number;
  /** The App's own hooks and error handlers, which apply to every request. */
  readonly scope = new Scope();

  private readonly options: ReturnType<typeof resolveAppOptions>;
  private readonly urlMap = new UrlMap();
  private readonly background: BackgroundWork;
  private readonly servers = new Set<OwnedServer>();
  private inFlight = 0;
  private idle: (() => void) | undefined;
  private closingPromise: Promise<CloseReport> | undefined;
  private appOrder: RunOrder | undefined = undefined;
  private readonly blueprintNames = new Set<string>();
  private readonly closeHooks: ((remaining: () => number) => unknown)[] = [];

  constructor(options?: AppOptions) {
    this.options = resolveAppOptions(options);
    this.dispatcher = this.options.dispatcher;
    this.container = this.options.container;
    this.logger = this.options.logger;
    this.bodyLimit = this.options.bodyLimit;
    this.formLimits = this.options.formLimits;
    this.bodyTimeout = this.options.bodyTimeout;
    this.background = new BackgroundWork(this.dispatcher, this.options.onBackgroundError, this.logger);
  }

  /** Whether `close()` has been called. */
  get closing(): boolean {
    return this.closingPromise !== undefined;
  }

  /** Registers a view function at `rule`, with Flask's rules for methods and endpoint. */
  addUrlRule(rule: string, options: UrlRuleOptions): this {
    this.addScopedRule(rule, options, [this.scope]);
    return this;
  }

  /** @internal `addUrlRule` for a rule whose hooks come from `scopes` (the App's, then its blueprints'). */
  addScopedRule(rule: string, options: UrlRuleOptions, scopes: readonly Scope[]): void {
    if (typeof rule !== "string" || !rule.startsWith("/")) {
      throw new TypeError(`app.addUrlRule(rule): rule must be a path starting with "/", got ${JSON.stringify(rule)}`);
    }
    if (options === null || typeof options !== "object") throw new TypeError("app.addUrlRule(rule, options): options must be an object");
    const { viewFunc } = options;
    assertFunction(viewFunc, `app.addUrlRule("${rule}", { viewFunc })`);
    const carried = viewFunc as Partial<{ methods: readonly string[]; viewName: string; provideAutomaticOptions: boolean }>;
    const methods = normalizeMethods(options.methods ?? carried.methods ?? ["GET"], `app.addUrlRule("${rule}")`);
    const endpoint = options.endpoint ?? carried.viewName ?? viewFunc.name;
    if (typeof endpoint !== "string" || endpoint === "") {
      throw new TypeError(`app.addUrlRule("${rule}"): pass an endpoint; the view function has no name`);
    }
    // As in Flask, the App's setting is a default: a rule or a view that says otherwise wins.
    const viewClass = (viewFunc as Partial<ViewFunction>).viewClass;
    const said = options.provideAutomaticOptions ?? (viewClass !== undefined ? viewClass.provideAutomaticOptions : carried.provideAutomaticOptions);
    const automatic = said ?? (this.options.provideAutomaticOptions && !methods.includes("OPTIONS"));
    const all = [...methods];
    if (all.includes("GET") && !all.includes("HEAD")) all.push("HEAD");
    if (automatic && !all.includes("OPTIONS")) all.push("OPTIONS");
    const contracts = ruleContracts(options, viewFunc, all, rule, endpoint, this.options.validateResponses);
    this.urlMap.add({ rule, endpoint, methods: sortMethods(all), viewFunc, provideAutomaticOptions: automatic, strictSlashes: options.strictSlashes ?? this.options.strictSlashes, scopes, order: undefined, contracts });
  }

  /**
   * Registers a plain function handler (sync or async), with the route's options: the
   * handler's `ctx.valid` is typed from the schemas given (`{ query: Paging }`).
   */
  route<S extends InputSchemas = InputSchemas>(
    rule: string,
    handler: Handler<Valid<S>>,
    options: { methods?: readonly string[]; endpoint?: string } & RouteOptions & S = {} as S,
  ): this {
    assertFunction(handler, `app.route("${String(rule)}", handler)`);
    return this.addUrlRule(rule, { ...options, viewFunc: handler as Handler, methods: options.methods ?? ["GET"], endpoint: options.endpoint ?? (handler.name || rule) });
  }






  /**
   * Registers a {@link Blueprint}: its rules under its prefix (or `urlPrefix`), its endpoints
   * as `name.endpoint` (`name` defaults to the blueprint's; give another to register one
   * blueprint twice), its hooks around its own rules.
   */
  registerBlueprint(blueprint: Blueprint, options: RegisterBlueprintOptions = {}): this {
    if (!(blueprint instanceof Blueprint)) throw new TypeError("app.registerBlueprint(bp): bp must be a Blueprint");
    if (options === null || typeof options !== "object") throw new TypeError("app.registerBlueprint(bp, options): options must be an object");
    const root: BlueprintSetup = { prefix: "", name: "", scopes: [this.scope], appScope: this.scope, sink: this, names: this.blueprintNames };
    blueprint.setUp(root, options);
    return this;
  }

  /**
   * Mounts a view class at `prefix`: a MethodView with every sub-path it declares
   * (`@get("/:id")`), a View at the prefix itself. Endpoints are `name` for the root and
   * `name` + sub-path (`"users/:id"`) for the others; `name` defaults to the class name.
   */
  register(prefix: string, viewClass: ViewClass, options: { name?: string; classArgs?: readonly unknown[] } = {}): this {
    this.registerScoped(prefix, viewClass, options, [this.scope]);
    return this;
  }

  /** @internal `register` for a view class whose hooks come from `scopes`. */
  registerScoped(prefix: string, viewClass: ViewClass, options: { name?: string; classArgs?: readonly unknown[] }, scopes: readonly Scope[]): void {
    if (typeof viewClass !== "function" || !(viewClass.prototype instanceof View)) {
      throw new TypeError(`app.register("${String(prefix)}", viewClass): viewClass must be a subclass of View or MethodView`);
    }
    const name = options.name ?? viewClass.name;
    const classArgs = options.classArgs ?? [];
    if (!Array.isArray(classArgs)) throw new TypeError(`app.register(): classArgs must be an array`);
    if (!(viewClass.prototype instanceof MethodView)) {
      this.addScopedRule(joinPath(prefix, ""), { viewFunc: (viewClass as unknown as typeof View).asView.call(viewClass as never, name, ...classArgs) }, scopes);
      return;
    }
    const tables = methodTablesOf(viewClass);
    if (tables.byPath.size === 0) throw new ConfigurationError("MV_NO_HANDLER", `${viewClass.name} has no handlers to mount`);
    for (const path of tables.byPath.keys()) {
      const endpoint = path === "" ? name : `${name}${path}`;
      this.addScopedRule(joinPath(prefix, path), { viewFunc: methodViewFunction(viewClass, endpoint, path, classArgs), endpoint }, scopes);
    }
  }

  /** Every rule: its pattern, the methods it serves (HEAD and OPTIONS included), its endpoint. */
  routes(): { rule: string; methods: string[]; endpoint: string }[] {
    return this.urlMap.list().map(({ rule, methods, endpoint }) => ({ rule, methods: [...methods], endpoint }));
  }

  /**
   * Every rule's record, in registration order, with its compiled contracts
   * (`rule.contracts[method]`: options, schemas, responses): what a document builder reads.
   */
  urlRules(): readonly UrlRule[] {
    return this.urlMap.list();
  }

  /**
   * Builds the path of an endpoint; parameters the rule does not use go to the query string.
   * `".name"` is relative: an endpoint of the current request's blueprint.
   */
  urlFor(endpoint: string, params: Record<string, unknown> = {}): string {
    if (typeof endpoint === "string" && endpoint.startsWith(".")) {
      // Flask's relative endpoint: the current request's blueprint, or the App's own endpoints.
      const blueprint = (requestStorage.getStore() as { blueprint?: string } | undefined)?.blueprint;
      endpoint = blueprint === undefined ? endpoint.slice(1) : `${blueprint}${endpoint}`;
    }
    const rule = this.urlMap.rule(endpoint);
    if (rule === undefined) {
      throw new ConfigurationError("MV_URL_BUILD", `urlFor(): no endpoint named "${endpoint}"; the endpoints are ${this.urlMap.list().map((r) => r.endpoint).join(", ") || "none"}`);
    }
    return buildUrl(endpoint, rule.rule, params);
  }

  /** Runs `fn` before each request, in registration order; a result other than `undefined` answers it. */
  beforeRequest(fn: BeforeRequestHook): this {
    assertFunction(fn, "app.beforeRequest(fn)");
    this.scope.before.push(fn);
    hooksChanged();
    return this;
  }

  /** Runs `fn` after each request, in reverse registration order; it may return a new response. */
  afterRequest(fn: AfterRequestHook): this {
    assertFunction(fn, "app.afterRequest(fn)");
    this.scope.after.push(fn);
    hooksChanged();
    return this;
  }

  /** Runs `fn` at the end of every request, success or error, in reverse order; its errors are logged. */
  teardownRequest(fn: TeardownHook): this {
    assertFunction(fn, "app.teardownRequest(fn)");
    this.scope.teardown.push(fn);
    hooksChanged();
    return this;
  }

  /** Handles errors of a status or an error class; the most specific handler wins. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  errorHandler<E extends Error>(statusOrErrorClass: number | (abstract new (...args: any[]) => E), fn: ErrorHandler<E>): this {
    this.scope.errorHandlers.add(statusOrErrorClass, fn);
    return this;
  }

  /** Wraps `fn` so that it always returns a promise, through the App's Dispatcher. */
  ensureAsync<F extends (...args: never[]) => unknown>(fn: F): (...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>> {
    return this.dispatcher.ensureAsync(fn);
  }

  /**
   * Runs `fn(...args)` after the response, in the context of the request that started it,
   * tracked until it settles; its failure goes to `onBackgroundError`.
   */
  addBackgroundTask<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    const ctx = requestStorage.getStore();
    this.background.start(fn, args, ctx, ctx instanceof AppContext ? ctx.whenResponded() : undefined);
  }

  /** @internal Tracks work for `ctx.waitUntil()`. */
  track(work: PromiseLike<unknown>, ctx: RequestContext | undefined): void {
    this.background.track(work, ctx);
  }

  /**
   * Handles one request from any host: routing, the pipeline, the request context.
   * The node adapter and `fetch` call it; the result is sync whenever every step was.
   */
  handle<Raw>(source: RequestSource<Raw>): MaybePromise<ViewResponse> {
    const routed = this.resolve(source.url);
    if (routed === undefined) {
      const ctx = new AppContext(this, source, source.url, "");
      return this.run(ctx, new BadRequest("The request target is not a path"), undefined, false) as MaybePromise<ViewResponse>;
    }
    return this.handleRouted(source, routed);
  }

  /**
   * Routes a request target (origin-, absolute- or asterisk-form) below a mount `prefix`, the
   * one place where a target becomes a path: the authority dropped, dot segments resolved,
   * the prefix cut, then one url-map lookup. `undefined` when the target is outside the prefix.
   * An adapter hands the host a `match` of kind `"none"` (its own 404) and everything else to
   * {@link App.handleRouted}, with a source whose `url` is `routed.target.url`.
   */
  resolve(target: string, prefix = ""): RoutedTarget | undefined {
    // The common target, a fixed path as it is (origin- or absolute-form): one lookup, nothing made.
    if (prefix === "" || prefix === "/") {
      const path = pathAsIs(target);
      const routed = path === undefined ? undefined : this.urlMap.routedAsIs(path);
      if (routed !== undefined) return routed;
    }
    const resolved = resolveTarget(target, prefix);
    if (resolved === undefined) return undefined;
    const path = decodePath(resolved.path);
    if (path !== undefined) return { target: resolved, path, match: this.urlMap.match(resolved.path) };
    // A malformed percent-encoding is a 400 where a rule would take the path (read literally), not elsewhere.
    const literal = this.urlMap.match(resolved.path.replaceAll("%", "%25"));
    return { target: resolved, path: resolved.path, match: literal.kind === "none" ? literal : BAD_URL };
  }

  /**
   * Handles a request that {@link App.resolve} routed: 400, 404, 405, automatic OPTIONS or the
   * view. Without `write`, the result is the response (sync whenever every step was); with it,
   * `write(response, source)` is called with the response as the request's last step, and the
   * result is what `write` returned (or a promise of it). An adapter passes a `write` made
   * once at mount time: an async request then costs one continuation, the write included.
   * `inHostCallback` is true only when the caller is the host's own request callback (a
   * node:http `request` listener, a framework's route handler) and returns right after: the
   * request's context is then entered for the rest of that callback, which the host drops when
   * it returns (Node 24+), instead of being entered and left around the pipeline.
   */
  handleRouted<Raw>(source: RequestSource<Raw>, routed: RoutedTarget): MaybePromise<ViewResponse>;
  handleRouted<S extends RequestSource<unknown>, R>(source: S, routed: RoutedTarget, write: ResponseWriter<S, R>, inHostCallback?: boolean): MaybePromise<R>;
  handleRouted(
    source: RequestSource<unknown>,
    routed: RoutedTarget,
    write?: ResponseWriter<RequestSource<unknown>, unknown>,
    inHostCallback = false,
  ): unknown {
    const { match } = routed;
    const ctx = new AppContext(this, source, routed.path, routed.target.query);
    if (match.kind === "bad-url") return this.run(ctx, new BadRequest("The request path has a malformed percent-encoding"), write, inHostCallback);
    if (match.kind === "none") return this.run(ctx, new NotFound(`No route matches ${ctx.path}`), write, inHostCallback);
    ctx.params = match.params;
    const { entry } = match;
    if (entry.addSlash) return this.run(ctx, slashRedirect(routed), write, inHostCallback);
    const rule: UrlRule | undefined = entry.byMethod[ctx.method];
    if (rule !== undefined) {
      ctx.rule = rule.rule;
      ctx.endpoint = rule.endpoint;
      return this.run(ctx, rule, write, inHostCallback);
    }
    if (ctx.method === "OPTIONS" && entry.automaticOptions) return this.run(ctx, optionsResponse(entry.allow), write, inHostCallback);
    return this.run(ctx, new MethodNotAllowed(entry.allow), write, inHostCallback);
  }

  private run(ctx: AppContext, target: Target, write: ResponseWriter<RequestSource<unknown>, unknown> | undefined, inHostCallback: boolean): unknown {
    this.inFlight++;
    const order = isRule(target) ? (target.order = runOrderOf(target.scopes, target.order)) : (this.appOrder = runOrderOf([this.scope], this.appOrder));
    const limit = this.options.handlerTimeout;
    if (limit === 0 && isRule(target) && order.hookless && target.contracts?.[ctx.method] === undefined) {
      // The common request: a rule with no hooks, no contract, no time limit.
      const asyncContext = this.options.asyncContext;
      if (!asyncContext || (inHostCallback && enterInHostCallback(ctx))) return runPlainView(this, ctx, target, order, write);
    }
    // With a time limit, the response races the timer, and the winner is written.
    const run = new PipelineRun(this, ctx, target, order, limit > 0 ? undefined : write);
    const out = !this.options.asyncContext ? run.start() : inHostCallback ? runInHostCallback(ctx, start, run) : runWithContext(ctx, start, run);
    if (limit === 0 || !isThenable(out)) return limit > 0 && write !== undefined ? this.write(write, out as ViewResponse, ctx) : out;
    const raced = withHandlerTimeout(out as Promise<ViewResponse>, ctx, limit);
    return write === undefined ? raced : raced.then((response) => this.write(write, response, ctx));
  }

  /** @internal Where every request ends, on every host (the pipeline's last step). */
  finish(run: PipelineRun, valid = false): unknown {
    return this.deliver(run.ctx, this.settled(run.ctx, run.response!, valid), run.write);
  }

  /** @internal {@link finish} for a request that ended without a PipelineRun: a response valid as made. */
  finishPlain(ctx: AppContext, response: ViewResponse, write: unknown): unknown {
    return this.deliver(ctx, this.settled(ctx, response, true), write);
  }

  /** The settled response to the host's writer, or to the caller when there is none. */
  private deliver(ctx: AppContext, response: ViewResponse, write: unknown): unknown {
    return write === undefined ? response : this.write(write as ResponseWriter<RequestSource<unknown>, unknown>, response, ctx);
  }

  private write(write: ResponseWriter<RequestSource<unknown>, unknown>, response: ViewResponse, ctx: AppContext): unknown {
    try {
      return write(response, ctx.source);
    } catch (error) {
      logError(this.logger, "the response could not be written", error);
      return undefined;
    }
  }

  /** The result becomes a valid response here, once, for every request on every host. */
  private settled(ctx: AppContext, response: ViewResponse, valid: boolean): ViewResponse {
    ctx.settle();
    if (--this.inFlight === 0 && this.idle !== undefined) this.idle();
    return valid ? response : finalizeResponse(response, this.reportInvalid);
  }

  private readonly reportInvalid = (fault: TypeError): void => {
    logError(this.logger, "a handler's result is not a valid HTTP response; a 500 was sent in its place", fault);
  };

  /** Serves a WHATWG `Request`, for Fetch runtimes (Bun, Deno, Workers) and tests. */
  fetch = async (request: Request): Promise<Response> => {
    try {
      const source = new FetchSource(request);
      return toWebResponse(await this.handle(source), source.method, this.logger);
    } catch (error) {
      // Never rejects: the runtime would answer with its own page and the logger hear nothing.
      logError(this.logger, "the response could not be written", error);
      const fallback = errorResponse(new Error("invalid response"));
      return new Response(fallback.body as string, { status: fallback.status, headers: fallback.headers as Record<string, string> });
    }
  };

  /** A test client: `app.request("/users/1")` or `app.request(new Request(...))`, no socket. */
  request(pathOrRequest: string | Request, init?: RequestInit): Promise<Response> {
    const request = typeof pathOrRequest === "string" ? new Request(new URL(pathOrRequest, "http://localhost"), init) : pathOrRequest;
    return this.fetch(request);
  }

  /** Starts a node:http server (the node adapter is loaded on first use). */
  async listen(options: { port?: number; host?: string } = {}): Promise<ListeningServer> {
    // Loaded lazily so that the App itself runs on Fetch runtimes that have no node:http.
    const { listen } = await import("../adapters/node/listen.js");
    const server = await listen(this, options);
    this.servers.add(server);
    return {
      url: server.url,
      port: server.port,
      close: () => this.close(),
    };
  }

  /**
   * Runs `fn` when the App closes, once requests and background work are done, with a
   * function that tells the milliseconds left of `shutdownTimeout` (a task queue drains its
   * jobs there). Hooks run one at a time, the last registered first; a failure is logged.
   */
  onClose(fn: (remaining: () => number) => unknown): this {
    assertFunction(fn, "app.onClose(fn)");
    this.closeHooks.push(fn);
    return this;
  }

  /** One after the other, last registered first (it may use what was made before it). */
  private async runCloseHooks(remaining: () => number): Promise<void> {
    for (const hook of [...this.closeHooks].reverse()) {
      try {
        await hook(remaining);
      } catch (error) {
        this.logger.error("an onClose hook failed", error);
      }
    }
  }

  /**
   * Stops accepting requests, lets in-flight requests finish, waits for background work, then
   * reports what was still running. The whole shutdown takes at most `shutdownTimeout`: past
   * it, the connections still open are closed. Calling it again returns the same report.
   */
  close(): Promise<CloseReport> {
    this.closingPromise ??= (async () => {
      const deadline = Date.now() + this.options.shutdownTimeout;
      const remaining = () => Math.max(0, deadline - Date.now());
      const servers = [...this.servers];
      const serversClosed = Promise.all(servers.map((server) => server.close()));
      const idle = this.inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.idle = resolve));
      const requestsDone = await within(idle, remaining());
      if (!(await within(serversClosed, remaining()))) servers.forEach((server) => server.closeAllConnections());
      const background = await this.background.drain(remaining());
      await within(this.runCloseHooks(remaining), remaining());
      const requests = { pending: this.inFlight, timedOut: !requestsDone };
      if (requests.pending > 0 || background.pending > 0) {
        this.logger.warn(
          `close(): still running after ${this.options.shutdownTimeout} ms: ${requests.pending} request(s), ${background.pending} background task(s)`,
        );
      }
      return { requests, background };
    })();
    return this.closingPromise;
  }

  /** `instanceof` that also accepts this class from another copy of methodview (ESM and CommonJS). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, value);
  }
}
brand(App, "App");

// The shortcuts are put on the prototype just below; the interface gives them their types.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface App extends MethodShortcuts {}
addMethodShortcuts(App);
