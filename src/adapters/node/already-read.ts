import { ConfigurationError } from "../../core/errors.js";

/**
 * The error for a body a host middleware (`express.json()`, `@koa/bodyparser`, ...) read
 * before the App and did not keep: a 500 for the client (the server is set up wrong), and
 * for the logger a message that says how to fix it.
 */
export function alreadyRead(parsedAsJson: boolean): ConfigurationError {
  return new ConfigurationError(
    "MV_BODY_ALREADY_READ",
    "The request body was already read by a host body parser in front of the App " +
      (parsedAsJson ? "(its JSON is ctx.json()), " : "") +
      "and its bytes were not kept: leave the App's paths to the App's own readers, or keep the raw body (see docs/adapters)",
  );
}
