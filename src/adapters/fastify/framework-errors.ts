import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { App } from "../../app/app.js";
import { BadRequest } from "../../core/errors.js";
import { errorResponse } from "../../core/response.js";
import { writeReply } from "./write-reply.js";

/**
 * A `frameworkErrors` option for `Fastify()`: the errors Fastify's router raises before any
 * route runs, answered in the App's problem+json. A malformed percent-encoding in the path
 * (`FST_ERR_BAD_URL`) is the App's 400; anything else is a logged 500. Without it, Fastify
 * answers those in its own JSON format: the plugin cannot set a server option.
 *
 * @example
 * ```ts
 * import Fastify from "fastify";
 * import { App } from "methodview";
 * import { methodviewFrameworkErrors, methodviewPlugin } from "methodview/fastify";
 *
 * const app = new App();
 * const fastify = Fastify({ frameworkErrors: methodviewFrameworkErrors(app) });
 * await fastify.register(methodviewPlugin, { app, prefix: "/api" });
 * ```
 */
export function methodviewFrameworkErrors(app: App) {
  return function methodviewFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
    const badUrl = error?.code === "FST_ERR_BAD_URL";
    if (!badUrl) app.logger.error("Fastify's router failed before any route", error);
    const response = errorResponse(badUrl ? new BadRequest("The request path has a malformed percent-encoding") : new Error("framework error"));
    writeReply(reply, response, request.raw.method ?? "GET", app.closing, app.logger);
  };
}
