import { Dispatcher, type MaybePromise } from "../core/dispatcher.js";
import { describeError, isHttpError, isShownError } from "../core/describe-error.js";
import type { HttpError } from "../core/errors.js";
import { errorResponse, isJsonObject, json, toViewResponse, type ViewResponse } from "../core/response.js";
import { isThenable } from "../core/thenable.js";
import type { RouteContract } from "../contract/route-contract.js";
import type { AppContext } from "./app-context.js";
import { logError, type Logger } from "./logger.js";
import type { RunOrder } from "./scope.js";
import type { UrlRule } from "./url-map.js";

/** What the pipeline needs of the App: how to call, where to log, and where a request ends. */
export interface PipelineHost {
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  /**
   * Called once per request with its response, as the last step of the same run; `valid` when
   * the response is one methodview made and nothing touched since, so it needs no check.
   */
  finish(run: PipelineRun, valid?: boolean): unknown;
  /** {@link finish} for a request that ended without a {@link PipelineRun} (see {@link runPlainView}). */
  finishPlain(ctx: AppContext, response: ViewResponse, write: unknown): unknown;
}

/** What routing decided: a rule to run, an error to raise, or a ready answer (automatic OPTIONS). */
export type Target = UrlRule | HttpError | ViewResponse;

/** Whether routing found a rule to run (told apart without the branded classes' `instanceof`). */
export function isRule(target: Target): target is UrlRule {
  return (target as Partial<UrlRule>).scopes !== undefined;
}

const PLAIN_CALL = Dispatcher.prototype.call;

// The steps of a request, in order. CHECK and CHECK_RESPONSE are the route contract's (input
// validation before the view, its JSON result after it); an error in either is the view's.
// RECOVER runs an error handler, then goes on at `recoverTo`.
const BEFORE = 0;
const CHECK = 1;
const TARGET = 2;
const CHECK_RESPONSE = 3;
const OWN_AFTER = 4;
const AFTER = 5;
const TEARDOWN = 6;
const RECOVER = 7;
const DONE = 8;
type Stage =
  | typeof BEFORE
  | typeof CHECK
  | typeof TARGET
  | typeof CHECK_RESPONSE
  | typeof OWN_AFTER
  | typeof AFTER
  | typeof TEARDOWN
  | typeof RECOVER
  | typeof DONE;

// What a suspended run does once its pending step settles (see PipelineRun.suspend).
const RESUME_DRIVE = 0;
const RESUME_VIEW = 1;
const RESUME_VIEW_DONE = 2;
type Resume = typeof RESUME_DRIVE | typeof RESUME_VIEW | typeof RESUME_VIEW_DONE;

/**
 * One request going through the pipeline: before hooks, the view, the request's own after
 * hooks (`afterThisRequest`), the rule's after hooks, teardown; errors through the error
 * handlers. The steps run in a loop, synchronously while each one is; the first thenable
 * suspends the loop and one continuation resumes it where it stopped, so an async view costs
 * one `then` for the whole rest of the request (the host's write included, see
 * {@link PipelineHost.finish}). Never throws, never rejects.
 */
export class PipelineRun<W = unknown> {
  stage: Stage = BEFORE;
  index = 0;
  response: ViewResponse | undefined = undefined;
  private error: unknown = undefined;
  private recoverTo: Stage = OWN_AFTER;
  /** The contract of the rule for this method, if it has one. */
  private readonly contract: RouteContract | undefined;

  constructor(
    readonly host: PipelineHost,
    readonly ctx: AppContext,
    readonly target: Target,
    readonly order: RunOrder,
    /** The host's writer, handed to {@link PipelineHost.finish}; undefined when the caller takes the response. */
    readonly write: W,
  ) {
    this.contract = isRule(target) ? target.contracts?.[ctx.method] : undefined;
  }

  /**
   * Runs the request: for a rule with no hooks and no response check, its request check (if it
   * has one), the view and then the request's own after hooks if it added any, without
   * stepping through the empty stages.
   */
  start(): unknown {
    if (!this.order.hookless || this.contract?.checksResponses === true || !isRule(this.target)) return this.drive();
    if (this.contract?.checksRequests !== true) return this.view();
    this.stage = CHECK;
    let checked: unknown;
    try {
      checked = this.contract.check(this.ctx);
    } catch (error) {
      this.fail(error, false);
      return this.drive();
    }
    return isThenable(checked) ? this.suspend(checked, RESUME_VIEW) : this.view();
  }

  /** Goes on once the view threw, or (from {@link runPlainView}) its plain object could not be serialised. */
  viewThrew(error: unknown): unknown {
    this.stage = TARGET;
    this.fail(error, false);
    return this.drive();
  }

  /** Goes on with what the view returned, and whether it is a thenable (asked once). */
  viewReturned(result: unknown, thenable: boolean): unknown {
    this.stage = TARGET;
    return thenable ? this.suspend(result as PromiseLike<unknown>, RESUME_VIEW_DONE) : this.viewDone(result);
  }

  /** The view on the hookless path of {@link start}, its input checked if it has a contract. */
  private view(): unknown {
    let result: unknown;
    try {
      result = callView(this.host, this.target as UrlRule, this.ctx);
    } catch (error) {
      return this.viewThrew(error);
    }
    return this.viewReturned(result, isThenable(result));
  }

  /**
   * The view's result on the hookless path: its response, then the request's own after hooks
   * if it added any. A plain object is JSON, a response valid as made that no hook sees before
   * it is written: it needs no check.
   */
  private viewDone(result: unknown): unknown {
    const made = isJsonObject(result);
    if (made) this.acceptJson(result as object);
    else this.accept(result);
    if (this.stage !== OWN_AFTER || this.ctx.afterThisRequestHooks !== undefined) return this.drive();
    this.stage = DONE;
    return this.host.finish(this, made);
  }

  /** Runs the steps until one is pending (a promise of what `finish` returns) or all are done. */
  drive(): unknown {
    for (;;) {
      if (!this.ready()) return this.host.finish(this);
      let result: unknown;
      try {
        result = this.call();
      } catch (error) {
        this.fail(error, false);
        continue;
      }
      if (isThenable(result)) return this.suspend(result);
      this.accept(result);
    }
  }

  /**
   * Resumes after `pending` settles: one continuation, whatever the steps after it are. On
   * the hookless path of {@link start}, `resume` says what `pending` was: the request check
   * (the view runs next) or the view (its result is taken). A rejection goes to the error
   * handlers either way.
   */
  private suspend(pending: PromiseLike<unknown>, resume: Resume = RESUME_DRIVE): Promise<unknown> {
    return (pending instanceof Promise ? pending : Promise.resolve(pending)).then(
      (value) => {
        if (resume === RESUME_VIEW_DONE) return this.viewDone(value);
        if (resume === RESUME_VIEW) return this.view();
        this.accept(value);
        return this.drive();
      },
      (error: unknown) => {
        this.fail(error, true);
        return this.drive();
      },
    );
  }

  /** Moves past the hook lists that are done; false once every step ran. */
  private ready(): boolean {
    const order = this.order;
    for (;;) {
      switch (this.stage) {
        case BEFORE:
          if (this.index < order.before.length) return true;
          this.stage = this.contract?.checksRequests === true ? CHECK : TARGET;
          return true;
        case OWN_AFTER: {
          const own = this.ctx.afterThisRequestHooks;
          if (own !== undefined && this.index < own.length) return true;
          this.next(AFTER);
          continue;
        }
        case AFTER:
          if (this.index < order.after.length) return true;
          this.next(TEARDOWN);
          continue;
        case TEARDOWN:
          if (this.index < order.teardown.length) return true;
          this.stage = DONE;
          return false;
        case DONE:
          return false;
        default:
          return true;
      }
    }
  }

  private next(stage: Stage): void {
    this.stage = stage;
    this.index = 0;
  }

  /** Calls the current step; what it returns (or throws) goes to {@link accept} (or {@link fail}). */
  private call(): unknown {
    const { host, ctx, order, index } = this;
    switch (this.stage) {
      case BEFORE:
        return host.dispatcher.call(order.before[index]!, undefined, [ctx]);
      case CHECK:
        return this.contract!.check(ctx);
      case CHECK_RESPONSE:
        return this.contract!.checkResponse(this.response!);
      case TARGET: {
        const target = this.target;
        if (isRule(target)) return host.dispatcher.call(target.viewFunc, undefined, [ctx]);
        // An HttpError (404, 405, ...) goes to the error handlers; a ViewResponse (automatic OPTIONS) is the answer.
        if (target instanceof Error) throw target;
        return target;
      }
      case OWN_AFTER:
        return host.dispatcher.call(ctx.afterThisRequestHooks![index]!, undefined, [this.response!, ctx]);
      case AFTER:
        return host.dispatcher.call(order.after[index]!, undefined, [this.response!, ctx]);
      case TEARDOWN:
        // As in Flask, teardown hears of an error no handler answered; `ctx.error` keeps any.
        return host.dispatcher.call(order.teardown[index]!, undefined, [ctx.unhandledError, ctx]);
      default:
        return recover(host, ctx, order, this.error);
    }
  }

  /** Takes the value of the current step; a value that is no response counts as the step's error. */
  private accept(value: unknown): void {
    try {
      switch (this.stage) {
        case BEFORE:
          // A before hook that returns something answers the request: the view is skipped.
          if (value === undefined) this.index++;
          else this.answer(toViewResponse(value), OWN_AFTER);
          return;
        case CHECK:
          this.stage = TARGET;
          return;
        case TARGET:
          this.answer(toViewResponse(value), this.contract?.checksResponses === true ? CHECK_RESPONSE : OWN_AFTER);
          return;
        case CHECK_RESPONSE:
          this.answer(value as ViewResponse, OWN_AFTER);
          return;
        case OWN_AFTER:
        case AFTER:
          if (value !== undefined) this.response = toViewResponse(value);
          this.index++;
          return;
        case TEARDOWN:
          this.index++;
          return;
        default:
          this.answer(value as ViewResponse, this.recoverTo);
      }
    } catch (error) {
      this.fail(error, false);
    }
  }

  /** The view's plain-object result, as {@link accept} takes it, without asking again what it is. */
  private acceptJson(value: object): void {
    try {
      this.answer(json(value), OWN_AFTER);
    } catch (error) {
      this.fail(error, false);
    }
  }

  private answer(response: ViewResponse, then: Stage): void {
    this.response = response;
    this.next(then);
  }

  /** An error of the current step: to the error handlers, then after hooks (or teardown); a teardown's is logged. */
  private fail(error: unknown, rejected: boolean): void {
    switch (this.stage) {
      case BEFORE:
      case CHECK:
      case TARGET:
      case CHECK_RESPONSE:
        this.recoverFrom(error, OWN_AFTER);
        return;
      case OWN_AFTER:
      case AFTER:
        // An after hook's error skips the after hooks left: the error handler's response goes to teardown.
        this.recoverFrom(error, TEARDOWN);
        return;
      case TEARDOWN:
        logError(this.host.logger, rejected ? "a teardownRequest hook rejected" : "a teardownRequest hook threw", error);
        this.index++;
        return;
      default:
        // recover() neither throws nor rejects; kept for a Dispatcher that breaks that.
        this.answer(errorResponse(error), this.recoverTo);
    }
  }

  private recoverFrom(error: unknown, then: Stage): void {
    this.error = error;
    this.recoverTo = then;
    this.stage = RECOVER;
  }
}

/** Calls a rule's view through the Dispatcher; the default one's call is a plain call, made without the argument array. */
function callView(host: PipelineHost, rule: UrlRule, ctx: AppContext): unknown {
  const { dispatcher } = host;
  return dispatcher.call === PLAIN_CALL ? rule.viewFunc(ctx) : dispatcher.call(rule.viewFunc, undefined, [ctx]);
}

/**
 * Runs the view of a rule with no hooks and no contract for this method, as
 * {@link PipelineRun.start} would, without making a PipelineRun: one is made only when the
 * view throws, is async, or returns anything but a plain object (or the request added its
 * own after hooks). A sync view's plain object is JSON, valid as made, written at once.
 */
export function runPlainView<W>(host: PipelineHost, ctx: AppContext, rule: UrlRule, order: RunOrder, write: W): unknown {
  let result: unknown;
  try {
    result = callView(host, rule, ctx);
  } catch (error) {
    return new PipelineRun(host, ctx, rule, order, write).viewThrew(error);
  }
  const thenable = isThenable(result);
  if (!thenable && ctx.afterThisRequestHooks === undefined && isJsonObject(result)) {
    let response: ViewResponse;
    try {
      response = json(result);
    } catch (error) {
      // Not serialisable (a BigInt, a cycle, a getter that throws): to the error handlers, not serialised again.
      return new PipelineRun(host, ctx, rule, order, write).viewThrew(error);
    }
    return host.finishPlain(ctx, response, write);
  }
  return new PipelineRun(host, ctx, rule, order, write).viewReturned(result, thenable);
}

/** The response for an error: its handler's, else the default problem+json. Never throws. */
function recover(host: PipelineHost, ctx: AppContext, order: RunOrder, error: unknown): MaybePromise<ViewResponse> {
  ctx.error ??= error;
  const handler = findHandler(order, error);
  if (handler === undefined) {
    ctx.unhandledError = error;
    return defaultErrorResponse(host, error);
  }
  const failed = (secondary: unknown) => {
    ctx.unhandledError = secondary;
    logError(host.logger, `an error handler threw while handling ${describeError(error)}`, secondary);
    return errorResponse(isHttpError(secondary) ? secondary : new Error("error handler failed"));
  };
  try {
    const result = host.dispatcher.call(handler, undefined, [error, ctx]);
    return isThenable(result) ? Promise.resolve(result).then(toViewResponse).catch(failed) : toViewResponse(result);
  } catch (secondary) {
    return failed(secondary);
  }
}

function findHandler(order: RunOrder, error: unknown) {
  for (const handlers of order.errorHandlers) {
    const handler = handlers.find(error);
    if (handler !== undefined) return handler;
  }
  return undefined;
}

function defaultErrorResponse(host: PipelineHost, error: unknown): ViewResponse {
  if (!isShownError(error) || error.status >= 500) {
    logError(host.logger, `unhandled ${describeError(error)}`, error);
  }
  return errorResponse(error);
}
