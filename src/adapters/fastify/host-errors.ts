import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { App } from "../../app/app.js";
import { tooLarge } from "../../app/fetch/read-limited.js";
import { BadRequest, UnsupportedMediaType, type HttpError } from "../../core/errors.js";
import { errorResponse } from "../../core/response.js";
import { failedStreams, sendFallback, writeReply } from "./write-reply.js";

/** What node throws for a header it refuses, when an async `onSend` hook ran before the write. */
const HEADER_ERRORS = new Set<unknown>(["ERR_INVALID_CHAR", "ERR_HTTP_INVALID_HEADER_VALUE", "ERR_INVALID_HTTP_TOKEN"]);

/**
 * Fastify's body errors, as the App words them when it reads a body itself. The plugin's
 * parsers leave every body to the view; the size and JSON errors are here for a parser of
 * the host's own.
 */
const BODY_ERRORS = new Map<unknown, (bodyLimit: number) => HttpError>([
  ["FST_ERR_CTP_BODY_TOO_LARGE", (bodyLimit) => tooLarge(bodyLimit)],
  ["FST_ERR_CTP_EMPTY_JSON_BODY", () => new BadRequest("The request body is empty; expected JSON")],
  ["FST_ERR_CTP_INVALID_JSON_BODY", () => new BadRequest("The request body is not valid JSON")],
  ["FST_ERR_CTP_INVALID_CONTENT_LENGTH", () => new BadRequest("The request body does not match its Content-Length")],
  ["FST_ERR_CTP_INVALID_MEDIA_TYPE", () => new UnsupportedMediaType("The request's Content-Type is not a valid media type")],
]);

/**
 * The error handler of the plugin's scope. Errors methodview owns are answered as the App
 * answers them, in problem+json: Fastify's body errors (raised while it reads the body,
 * before the view runs), a response stream that failed before its first chunk, and a header
 * node refused (thrown here when an async `onSend` hook ran before the write). Any other
 * error (a hook of the host's, say) is thrown on to the enclosing Fastify error handler, as
 * if the plugin had none.
 */
export function methodviewErrorHandler(app: App) {
  return function methodviewErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
    const code = (error as Partial<FastifyError> | null)?.code;
    const toHttpError = BODY_ERRORS.get(code);
    if (toHttpError !== undefined) {
      writeReply(reply, errorResponse(toHttpError(app.bodyLimit)), request.method, app.closing, app.logger);
    } else if (HEADER_ERRORS.has(code)) {
      sendFallback(reply, Object.keys(reply.getHeaders()), error, app.logger);
    } else if (failedStreams.has(reply)) {
      // Logged when it failed; the client gets a bare 500.
      writeReply(reply, errorResponse(error), request.method, app.closing, app.logger);
    } else {
      throw error;
    }
  };
}
