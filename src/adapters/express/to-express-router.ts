import type { NextFunction, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { App } from "../../app/app.js";
import { isJsonType } from "../../app/body.js";
import type { ViewResponse } from "../../core/response.js";
import { NodeSource } from "../node/node-source.js";
import { writeExpressResponse } from "./write-express.js";

/** The native objects of an Express request, as `ctx.raw` gives them. */
export interface ExpressRaw {
  req: ExpressRequest;
  res: ExpressResponse;
}

/** The body `express.json()` (or any parser) already read, when it was JSON. */
function parsedJson(req: ExpressRequest): { value: unknown } | undefined {
  return req.body !== undefined && isJsonType(req.headers["content-type"]) ? { value: req.body } : undefined;
}

/**
 * An Express 5 middleware serving every path of `app`, to `use()` anywhere (on an Express app
 * or a `Router`), under any prefix, any number of times. The App routes (one lookup in its own
 * url map, as on `methodview/node`: static before parameter before wildcard, case-sensitive,
 * strict about trailing slashes); a path no rule matches goes on to `next()`, so the rest of
 * the Express app (or its 404) answers it. The view's method table answers every method, so
 * 405, OPTIONS and HEAD behave as on `methodview/node`.
 *
 * It is one middleware, not a `Router` holding one: Express runs it as a layer of the router
 * it is used on, and a `Router` of its own would cost every request a second dispatch.
 *
 * @example
 * ```ts
 * import express from "express";
 * import { App, MethodView } from "methodview";
 * import { toExpressRouter } from "methodview/express";
 *
 * class Hello extends MethodView { get() { return { hello: "express" }; } }
 * const app = new App();
 * app.register("/hello", Hello);
 * // No express.json() in front: the App reads its own bodies, within its limits.
 * express().use("/api", toExpressRouter(app)).listen(3000);
 * ```
 */
export function toExpressRouter(app: App): RequestHandler {
  if (!(app instanceof App)) throw new TypeError("toExpressRouter(app): app must be a methodview App");
  const logger = app.logger;
  const failed = (error: unknown) => logger.error("writing a response failed", error);
  const write = (response: ViewResponse, source: NodeSource<ExpressRaw>) => {
    const written = writeExpressResponse(source.res as ExpressResponse, response, source.method, app.closing, logger);
    if (written !== undefined) written.catch(failed);
  };
  return function methodviewRoute(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
    // The whole target and the prefix Express matched: dot segments are resolved on the whole path.
    const routed = app.resolve(req.originalUrl, req.baseUrl);
    if (routed === undefined || routed.match.kind === "none") return next();
    app.handleRouted(new NodeSource<ExpressRaw>(req, res, routed.target.url, parsedJson(req)), routed, write, true);
  };
}
