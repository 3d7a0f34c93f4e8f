import type { Dispatcher, MaybePromise } from "../core/dispatcher.js";
import { describeError, isHttpError, isShownError } from "../core/describe-error.js";
import { HttpError } from "../core/errors.js";
import { errorResponse, toViewResponse, ViewResponse } from "../core/response.js";
import { isThenable } from "../core/thenable.js";
import type { RouteContract } from "../contract/route-contract.js";
import type { AppContext } from "./app-context.js";
import type { AfterRequestHook } from "./hooks.js";
import { logError, type Logger } from "./logger.js";
import type { RunOrder } from "./scope.js";
import type { UrlRule } from "./url-map.js";

/** What the pipeline needs of the App. */
export interface PipelineHost {
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
}

/** What routing decided: a rule to run, an error to raise, or a ready answer (automatic OPTIONS). */
export type Target = UrlRule | HttpError | ViewResponse;

/**
 * Runs one request: before hooks, the view, after hooks, teardown; errors through the error
 * handlers. Every step may be sync or async: while all are sync the whole run is sync, and
 * the first thenable turns the rest into a promise chain. Never throws, never rejects.
 */
export function runPipeline(host: PipelineHost, ctx: AppContext, target: Target, order: RunOrder): MaybePromise<ViewResponse> {
  let response: MaybePromise<ViewResponse>;
  try {
    response = runBefore(host, ctx, target, order, 0);
  } catch (error) {
    response = recover(host, ctx, order, error);
  }
  if (isThenable(response)) {
    return response.then(
      (value) => afterPhase(host, ctx, order, value),
      (error: unknown) => then(recover(host, ctx, order, error), (value) => afterPhase(host, ctx, order, value)),
    );
  }
  return afterPhase(host, ctx, order, response);
}

function then<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isThenable(value) ? value.then(next) : next(value);
}

function runBefore(host: PipelineHost, ctx: AppContext, target: Target, order: RunOrder, index: number): MaybePromise<ViewResponse> {
  const hooks = order.before;
  for (let i = index; i < hooks.length; i++) {
    const result = host.dispatcher.call(hooks[i]!, undefined, [ctx]);
    if (isThenable(result)) {
      return Promise.resolve(result).then((value) =>
        value === undefined ? runBefore(host, ctx, target, order, i + 1) : toViewResponse(value),
      );
    }
    if (result !== undefined) return toViewResponse(result);
  }
  return runTarget(host, ctx, target);
}

function runTarget(host: PipelineHost, ctx: AppContext, target: Target): MaybePromise<ViewResponse> {
  if (target instanceof ViewResponse) return target;
  if (target instanceof HttpError) throw target;
  const contract = target.contracts?.[ctx.method];
  if (contract === undefined) return callView(host, ctx, target);
  return runContract(host, ctx, target, contract);
}

function callView(host: PipelineHost, ctx: AppContext, target: UrlRule): MaybePromise<ViewResponse> {
  const result = host.dispatcher.call(target.viewFunc, undefined, [ctx]);
  return isThenable(result) ? Promise.resolve(result).then(toViewResponse) : toViewResponse(result);
}

/** Validates the inputs before the view, and its JSON result after it when asked to. */
function runContract(host: PipelineHost, ctx: AppContext, target: UrlRule, contract: RouteContract): MaybePromise<ViewResponse> {
  const checked = contract.checksRequests ? contract.check(ctx) : undefined;
  const view = () => (contract.checksResponses ? then(callView(host, ctx, target), (response) => contract.checkResponse(response)) : callView(host, ctx, target));
  return isThenable(checked) ? checked.then(view) : view();
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

/**
 * After hooks: the request's own (`afterThisRequest`, in registration order), then the
 * rule's (inner scope first, each in reverse order); then teardown. An after hook's error
 * goes to the error handlers.
 */
function afterPhase(host: PipelineHost, ctx: AppContext, order: RunOrder, response: ViewResponse): MaybePromise<ViewResponse> {
  let result: MaybePromise<ViewResponse>;
  try {
    const own = ctx.afterThisRequestHooks;
    result = own === undefined ? runAfter(host, ctx, order.after, response, 0) : then(runAfter(host, ctx, own, response, 0), (value) => runAfter(host, ctx, order.after, value, 0));
  } catch (error) {
    result = recover(host, ctx, order, error);
  }
  if (isThenable(result)) {
    return result.then(
      (value) => runTeardown(host, ctx, order, value, 0),
      (error: unknown) => then(recover(host, ctx, order, error), (value) => runTeardown(host, ctx, order, value, 0)),
    );
  }
  return runTeardown(host, ctx, order, result, 0);
}

function runAfter(host: PipelineHost, ctx: AppContext, hooks: readonly AfterRequestHook[], response: ViewResponse, index: number): MaybePromise<ViewResponse> {
  for (let i = index; i < hooks.length; i++) {
    const result = host.dispatcher.call(hooks[i]!, undefined, [response, ctx]);
    if (isThenable(result)) {
      return Promise.resolve(result).then((value) =>
        runAfter(host, ctx, hooks, value === undefined ? response : toViewResponse(value), i + 1),
      );
    }
    if (result !== undefined) response = toViewResponse(result);
  }
  return response;
}

/** Every teardown runs (inner scope first, each in reverse order), with the unhandled error if any; their errors are logged and change nothing. */
function runTeardown(host: PipelineHost, ctx: AppContext, order: RunOrder, response: ViewResponse, index: number): MaybePromise<ViewResponse> {
  const hooks = order.teardown;
  for (let i = index; i < hooks.length; i++) {
    let result: unknown;
    try {
      // As in Flask, teardown hears of an error no handler answered; `ctx.error` keeps any.
      result = host.dispatcher.call(hooks[i]!, undefined, [ctx.unhandledError, ctx]);
    } catch (error) {
      logError(host.logger, "a teardownRequest hook threw", error);
      continue;
    }
    if (isThenable(result)) {
      const next = () => runTeardown(host, ctx, order, response, i + 1);
      return Promise.resolve(result).then(next, (error: unknown) => {
        logError(host.logger, "a teardownRequest hook rejected", error);
        return next();
      });
    }
  }
  return response;
}
