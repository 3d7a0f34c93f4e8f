import { statusTitle } from "../core/errors.js";
import type { JsonSchema } from "./json-schema.js";

/** The one `Problem` component: an RFC 9457 problem details object, as the App sends it. */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: "object",
  description: "Problem details (RFC 9457), sent as application/problem+json.",
  properties: {
    type: { type: "string", format: "uri-reference", description: "A URI reference that identifies the problem type.", default: "about:blank" },
    title: { type: "string", description: "A short summary of the problem type." },
    status: { type: "integer", minimum: 100, maximum: 599, description: "The HTTP status code." },
    detail: { type: "string", description: "An explanation of this occurrence of the problem." },
    instance: { type: "string", format: "uri-reference", description: "A URI reference that identifies this occurrence." },
    code: { type: "string", description: "A stable code of the error (MV_VALIDATION_FAILED...)." },
    errors: {
      type: "array",
      description: "Every issue of a 422: which input, where in it (a JSON Pointer) and what is wrong.",
      items: {
        type: "object",
        properties: {
          in: { enum: ["params", "query", "headers", "body"] },
          path: { type: "string", description: "A JSON Pointer (RFC 6901) into the input." },
          message: { type: "string" },
        },
        required: ["in", "path", "message"],
      },
    },
  },
  required: ["type", "title", "status"],
};

/** An answer the App itself gives, which every operation concerned refers to. */
export interface AppAnswer {
  readonly status: number;
  readonly name: string;
  readonly description: string;
}

/** A malformed body (JSON or multipart). */
export const BAD_BODY: AppAnswer = { status: 400, name: "BadRequest", description: "The body is malformed (JSON or multipart)." };
/** A body past the App's `bodyLimit` or `formLimits`. */
export const TOO_LARGE: AppAnswer = { status: 413, name: "ContentTooLarge", description: "The body is larger than the App accepts." };
/** A body of a content type the route does not read. */
export const UNSUPPORTED: AppAnswer = { status: 415, name: "UnsupportedMediaType", description: "The body's content type is not one the route reads." };
/** A request whose inputs fail their schemas. */
export const INVALID: AppAnswer = { status: 422, name: "ValidationFailed", description: "The request is not valid: every issue is listed in `errors`." };
/** A method the path does not serve. */
export const NOT_ALLOWED: AppAnswer = {
  status: 405,
  name: "MethodNotAllowed",
  description: "Any method a path does not serve, on every path: the Allow header lists those it does.",
};

/** The Response Object of an answer, under `components/responses`. */
export function answerResponse(answer: AppAnswer, problemRef: string): JsonSchema {
  const response: JsonSchema = {
    description: `${statusTitle(answer.status)}: ${answer.description}`,
    content: { "application/problem+json": { schema: { $ref: problemRef } } },
  };
  if (answer.status === 405) response.headers = { Allow: { description: "The methods the path serves.", schema: { type: "string" } } };
  return response;
}
