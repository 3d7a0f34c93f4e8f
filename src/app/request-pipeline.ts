import type { Dispatcher, MaybePromise } from "../core/dispatcher.js";
import { describeError, isHttpError, isShownError } from "../core/describe-error.js";
import { HttpError } from "../core/errors.js";
import { errorResponse, toViewResponse, ViewResponse } from "../core/response.js";
import { isThenable } from "../core/thenable.js";
import type { AppContext } from "./app-context.js";
import type { ErrorHandlers } from "./error-handlers.js";
import type { Hooks } from "./hooks.js";
import { logError, type Logger } from "./logger.js";
import type { UrlRule } from "./url-map.js";

/** What the pipeline needs of the App. */
export interface PipelineHost {
  readonly dispatcher: Dispatcher;
  readonly hooks: Hooks;
  readonly errorHandlers: ErrorHandlers;
  readonly logger: Logger;
}

/** What routing decided: a rule to run, an error to raise, or a ready answer (automatic OPTIONS). */
export type Target = UrlRule | HttpError | ViewResponse;

/**
 * Runs one request: before hooks, the view, after hooks, teardown; errors through the error
 * handlers. Every step may be sync or async: while all are sync the whole run is sync, and
 * the first thenable turns the rest into a promise chain. Never throws, never rejects.
 */
export function runPipeline(host: PipelineHost, ctx: AppContext, target: Target): MaybePromise<ViewResponse> {
  let response: MaybePromise<ViewResponse>;
  try {
    response = runBefore(host, ctx, target, 0);
  } catch (error) {
    response = recover(host, ctx, error);
  }
  if (isThenable(response)) {
    return response.then(
      (value) => afterPhase(host, ctx, value),
      (error: unknown) => then(recover(host, ctx, error), (value) => afterPhase(host, ctx, value)),
    );
  }
  return afterPhase(host, ctx, response);
}

function then<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isThenable(value) ? value.then(next) : next(value);
}

function runBefore(host: PipelineHost, ctx: AppContext, target: Target, index: number): MaybePromise<ViewResponse> {
  const hooks = host.hooks.before;
  for (let i = index; i < hooks.length; i++) {
    const result = host.dispatcher.call(hooks[i]!, undefined, [ctx]);
    if (isThenable(result)) {
      return Promise.resolve(result).then((value) =>
        value === undefined ? runBefore(host, ctx, target, i + 1) : toViewResponse(value),
      );
    }
    if (result !== undefined) return toViewResponse(result);
  }
  return runTarget(host, ctx, target);
}

function runTarget(host: PipelineHost, ctx: AppContext, target: Target): MaybePromise<ViewResponse> {
  if (target instanceof ViewResponse) return target;
  if (target instanceof HttpError) throw target;
  const result = host.dispatcher.call(target.viewFunc, undefined, [ctx]);
  return isThenable(result) ? Promise.resolve(result).then(toViewResponse) : toViewResponse(result);
}

/** The response for an error: its handler's, else the default problem+json. Never throws. */
function recover(host: PipelineHost, ctx: AppContext, error: unknown): MaybePromise<ViewResponse> {
  ctx.error ??= error;
  const handler = host.errorHandlers.find(error);
  if (handler === undefined) return defaultErrorResponse(host, error);
  const failed = (secondary: unknown) => {
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

function defaultErrorResponse(host: PipelineHost, error: unknown): ViewResponse {
  if (!isShownError(error) || error.status >= 500) {
    logError(host.logger, `unhandled ${describeError(error)}`, error);
  }
  return errorResponse(error);
}

/** After hooks (reverse order), then teardown. An after hook's error goes to the error handlers. */
function afterPhase(host: PipelineHost, ctx: AppContext, response: ViewResponse): MaybePromise<ViewResponse> {
  let result: MaybePromise<ViewResponse>;
  try {
    result = runAfter(host, ctx, response, host.hooks.after.length - 1);
  } catch (error) {
    result = recover(host, ctx, error);
  }
  if (isThenable(result)) {
    return result.then(
      (value) => runTeardown(host, ctx, value, host.hooks.teardown.length - 1),
      (error: unknown) => then(recover(host, ctx, error), (value) => runTeardown(host, ctx, value, host.hooks.teardown.length - 1)),
    );
  }
  return runTeardown(host, ctx, result, host.hooks.teardown.length - 1);
}

function runAfter(host: PipelineHost, ctx: AppContext, response: ViewResponse, index: number): MaybePromise<ViewResponse> {
  const hooks = host.hooks.after;
  for (let i = index; i >= 0; i--) {
    const result = host.dispatcher.call(hooks[i]!, undefined, [response, ctx]);
    if (isThenable(result)) {
      return Promise.resolve(result).then((value) =>
        runAfter(host, ctx, value === undefined ? response : toViewResponse(value), i - 1),
      );
    }
    if (result !== undefined) response = toViewResponse(result);
  }
  return response;
}

/** Every teardown runs, in reverse order; their errors are logged and change nothing. */
function runTeardown(host: PipelineHost, ctx: AppContext, response: ViewResponse, index: number): MaybePromise<ViewResponse> {
  const hooks = host.hooks.teardown;
  for (let i = index; i >= 0; i--) {
    let result: unknown;
    try {
      result = host.dispatcher.call(hooks[i]!, undefined, [ctx.error, ctx]);
    } catch (error) {
      logError(host.logger, "a teardownRequest hook threw", error);
      continue;
    }
    if (isThenable(result)) {
      const next = () => runTeardown(host, ctx, response, i - 1);
      return Promise.resolve(result).then(next, (error: unknown) => {
        logError(host.logger, "a teardownRequest hook rejected", error);
        return next();
      });
    }
  }
  return response;
}
