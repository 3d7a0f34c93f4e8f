// What an application author uses. What only an adapter author needs is in methodview/host.
export { View } from "./core/view.js";
export { MethodView } from "./core/method-view.js";
export { get } from "./core/decorators/get.js";
export { post } from "./core/decorators/post.js";
export { put } from "./core/decorators/put.js";
export { patch } from "./core/decorators/patch.js";
export { del } from "./core/decorators/del.js";
export { head } from "./core/decorators/head.js";
export { options } from "./core/decorators/options.js";
export { route } from "./core/decorators/route-decorator.js";
export { Dispatcher } from "./core/dispatcher.js";
export { CONTEXT } from "./core/context.js";
export { ViewResponse, errorResponse, json, text, redirect } from "./core/response.js";
export {
  HttpError,
  BadRequest,
  Unauthorized,
  Forbidden,
  NotFound,
  MethodNotAllowed,
  Conflict,
  PayloadTooLarge,
  RequestTimeout,
  UnsupportedMediaType,
  UnprocessableEntity,
  TooManyRequests,
  InternalServerError,
  ServiceUnavailable,
  QueueUnavailable,
  ConfigurationError,
  NoActiveContextError,
  ValidationError,
  ResponseValidationError,
} from "./core/errors.js";
export type { HttpErrorOptions, NamedHttpErrorClass, ValidationIssue } from "./core/errors.js";
export type { RouteOptions, InputSchemas, InputName, ResponseDeclaration } from "./core/decorators/route-options.js";
export type { Valid, ValidInputs } from "./contract/valid.js";
export type { RouteContract, ResponseContract } from "./contract/route-contract.js";
export type { RouteContracts } from "./contract/compile-contracts.js";
export type { StandardSchemaV1 } from "./contract/standard-schema.js";
export type { RequestContext } from "./core/context.js";
export type { MaybePromise } from "./core/dispatcher.js";
export type { HandlerDecorator, RouteDecorator } from "./core/decorators/route-decorator.js";
export type { ResponseBody, ResponseHeaders, ResponseOptions, HeadersLike } from "./core/response.js";
export type { Handler, HandlerResult, ViewClass, ViewDecorator, ViewFunction } from "./core/view-function.js";
export { App } from "./app/app.js";
export { Blueprint } from "./app/blueprint.js";
export type { BlueprintOptions, RegisterBlueprintOptions } from "./app/blueprint.js";
export { currentContext } from "./app/async-context.js";
export { consoleLogger } from "./app/logger.js";
export type { UrlRuleOptions, ListeningServer, CloseReport } from "./app/app.js";
export type { AppOptions } from "./app/app-options.js";
export type { FormLimits } from "./app/form.js";
export type { BackgroundErrorHandler, DrainReport } from "./app/background-work.js";
export type { ErrorHandler } from "./app/error-handlers.js";
export type { BeforeRequestHook, AfterRequestHook, TeardownHook } from "./app/hooks.js";
export type { Logger } from "./app/logger.js";
