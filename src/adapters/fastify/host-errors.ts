import type { App } from "../../app/app.js";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { tooLarge } from "../../app/fetch/read-limited.js";
import { BadRequest, UnsupportedMediaType, type HttpError } from "../../core/errors.js";
import { errorResponse } from "../../core/response.js";
import { failedStreams, writeReply } from "./write-reply.js";

/** Fastify's body errors, as the App words them when it reads a body itself. */
const BODY_ERRORS = new Map<unknown, (bodyLimit: number) => HttpError>([
  ["FST_ERR_CTP_BODY_TOO_LARGE", (bodyLimit) => tooLarge(bodyLimit)],
  ["FST_ERR_CTP_EMPTY_JSON_BODY", () => new BadRequest("The request body is empty; expected JSON")],
  ["FST_ERR_CTP_INVALID_JSON_BODY", () => new BadRequest("The request body is not valid JSON")],
  ["FST_ERR_CTP_INVALID_CONTENT_LENGTH", () => new BadRequest("The request body does not match its Content-Length")],
  ["FST_ERR_CTP_INVALID_MEDIA_TYPE", () => new UnsupportedMediaType("The request's Content-Type is not a valid media type")],
]);

/**
 * The error handler of the plugin's scope. Errors methodview owns are answered as the App
 * answers them, in problem+json: Fastify's body errors (read before the view runs) and a
 * response stream that failed before its first chunk. Any other error (a hook of the host's,
 * say) is thrown on to the enclosing Fastify error handler, as if the plugin had none.
 */
export function methodviewErrorHandler(app: App) {
  return function methodviewErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
    const toHttpError = BODY_ERRORS.get((error as Partial<FastifyError> | null)?.code);
    if (toHttpError !== undefined) {
      writeReply(reply, errorResponse(toHttpError(app.bodyLimit)), request.method, app.closing, app.logger);
    } else if (failedStreams.has(reply)) {
      // Logged when it failed; the client gets a bare 500.
      writeReply(reply, errorResponse(error), request.method, app.closing, app.logger);
    } else {
      throw error;
    }
  };
}
