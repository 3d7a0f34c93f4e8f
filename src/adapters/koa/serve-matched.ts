import type { Context } from "koa";
import type { App } from "../../app/app.js";
import type { PathEntry } from "../../app/url-map.js";
import { isThenable } from "../../core/thenable.js";
import { KoaSource } from "./koa-source.js";
import { writeKoaResponse } from "./write-koa.js";

/**
 * Answers a Koa request whose path matched `entry` (or, with no entry, lets the App route it);
 * a sync response is set on `ctx` before it returns.
 */
export type ServeMatched = (ctx: Context, entry: PathEntry | undefined, params: Record<string, string>, url: string) => Promise<void> | undefined;

/**
 * The per-request step both mounting styles share: one source, one `app.handleMatched()`,
 * the native write. The middleware does not call `next()`: the view answered the request.
 */
export function serveMatched(app: App): ServeMatched {
  const logger = app.logger;
  return (ctx, entry, params, url) => {
    const source = new KoaSource(ctx, url);
    const out = entry === undefined ? app.handle(source) : app.handleMatched(source, entry, params);
    if (isThenable(out)) {
      return out.then((response) => writeKoaResponse(ctx, response, app.closing, logger));
    }
    writeKoaResponse(ctx, out, app.closing, logger);
    return undefined;
  };
}
