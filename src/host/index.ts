/**
 * `methodview/host`: what an adapter author needs to serve an App on another host, and
 * nothing an application needs. See docs/host.md for a complete adapter written with it.
 */
export type { RequestSource } from "../app/request-source.js";
export type { Match, PathEntry, UrlRule } from "../app/url-map.js";
export type { ResponseWriter, RoutedTarget } from "../app/app.js";
export { resolveTarget } from "../app/request-target.js";
export type { ResolvedTarget } from "../app/request-target.js";
export { AppContext } from "../app/app-context.js";
export { readLimited, tooLarge } from "../app/fetch/read-limited.js";
export { toWebResponse } from "../app/fetch/web-response.js";
export type { ViewHost } from "../core/context.js";
export { defaultDispatcher } from "../core/dispatcher.js";
export { statusTitle } from "../core/errors.js";
export { normalizeMethods, sortMethods } from "../core/http-methods.js";
export { AUTOMATIC_OPTIONS } from "../core/method-table.js";
export type { MethodTable, MethodTables } from "../core/method-table.js";
export { METHOD_TABLE, methodTablesOf, methodViewFunction, optionsResponse } from "../core/method-view.js";
export { normalizeSubPath } from "../core/decorators/route-decorator.js";
export { ROUTES_METADATA } from "../core/decorators/route-metadata.js";
export type { RouteRecord } from "../core/decorators/route-metadata.js";
export { mergeHeaders, toViewResponse } from "../core/response.js";
export { isThenable } from "../core/thenable.js";
