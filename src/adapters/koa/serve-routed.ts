import type { Context } from "koa";
import type { App, RoutedTarget } from "../../app/app.js";
import type { ViewResponse } from "../../core/response.js";
import { KoaSource } from "./koa-source.js";
import { writeKoaResponse } from "./write-koa.js";

/** Answers a Koa request the App routed; a sync response is set on `ctx` before it returns. */
export type ServeRouted = (ctx: Context, routed: RoutedTarget) => Promise<void> | undefined;

/**
 * The per-request step both mounting styles share: one source, one `app.handleRouted()`,
 * the native write. The middleware does not call `next()`: the view answered the request.
 */
export function serveRouted(app: App): ServeRouted {
  const logger = app.logger;
  const write = (response: ViewResponse, source: KoaSource) => writeKoaResponse(source.koa, response, app.closing, logger);
  return (ctx, routed) => app.handleRouted(new KoaSource(ctx, routed.target.url), routed, write, true) as Promise<void> | undefined;
}
