import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse, type Router } from "express";
import { App } from "../../app/app.js";
import { isJsonType } from "../../app/body.js";
import { BadRequest, HttpError } from "../../core/errors.js";
import { errorResponse, type ViewResponse } from "../../core/response.js";
import { isThenable } from "../../core/thenable.js";
import { NodeSource } from "../node/node-source.js";
import { fromExpressParams, toExpressPath } from "./express-path.js";
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
 * An Express 5 router serving every path of `app`, to `use()` anywhere, under any prefix.
 * Express matches the paths (case-sensitive, strict about trailing slashes, like the App);
 * the view's method table answers every method, so 405, OPTIONS and HEAD behave as on
 * `methodview/node`. Register the views on the App before calling it.
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
export function toExpressRouter(app: App): Router {
  if (!(app instanceof App)) throw new TypeError("toExpressRouter(app): app must be a methodview App");
  const router = express.Router({ caseSensitive: true, strict: true });
  const logger = app.logger;
  for (const { rule, entry } of app.mountPoints()) {
    const hasWildcard = rule.endsWith("*");
    router.all(toExpressPath(rule), function methodviewRoute(req, res) {
      const method = req.method;
      const write = (response: ViewResponse) => {
        const written = writeExpressResponse(res, response, method, app.closing, logger);
        if (written !== undefined) written.catch((error: unknown) => logger.error("writing a response failed", error));
      };
      const source = new NodeSource<ExpressRaw>(req, res, { req, res }, req.url, parsedJson(req));
      const out = app.handleMatched(source, entry, fromExpressParams(req.params, hasWildcard));
      if (isThenable(out)) out.then(write);
      else write(out);
    });
  }
  // Express reports a malformed percent-encoding in a param as an error: answer it as the App would.
  router.use(function methodviewErrors(error: unknown, _req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
    if (res.headersSent) return next(error);
    const status = (error as { status?: unknown })?.status;
    const problem = errorResponse(status === 400 ? new BadRequest("The request path has a malformed percent-encoding") : error instanceof HttpError ? error : new Error("unexpected"));
    if (problem.status >= 500) logger.error("an Express error reached the methodview router", error);
    writeExpressResponse(res, problem, "GET", app.closing, logger);
  });
  return router;
}
