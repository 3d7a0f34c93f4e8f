import { ConfigurationError } from "../core/errors.js";
import { INPUTS, type RouteOptions } from "../core/decorators/route-options.js";
import { isStandardSchema } from "./standard-schema.js";

/** Every key a route's options may have. */
export const ROUTE_OPTION_KEYS = [...INPUTS, "responses", "summary", "description", "tags", "deprecated", "operationId"] as const;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

function fail(where: string, what: string, expected: string, value: unknown): never {
  throw new ConfigurationError("MV_INVALID_ROUTE_OPTIONS", `${where}: ${what} must be ${expected}, got ${describe(value)}`);
}

function checkResponses(responses: unknown, where: string): void {
  if (responses === null || typeof responses !== "object" || Array.isArray(responses)) {
    fail(where, "responses", "an object of status code to schema", responses);
  }
  for (const [status, declared] of Object.entries(responses)) {
    const code = Number(status);
    if (!/^[1-5]\d\d$/.test(status)) fail(where, `responses["${status}"]`, "keyed by a status code from 100 to 599", code);
    if (isStandardSchema(declared)) continue;
    if (declared === null || typeof declared !== "object") {
      fail(where, `responses[${status}]`, "a Standard Schema v1 or { schema, description }", declared);
    }
    const { schema, description } = declared as { schema?: unknown; description?: unknown };
    if (schema !== undefined && !isStandardSchema(schema)) fail(where, `responses[${status}].schema`, "a Standard Schema v1", schema);
    if (description !== undefined && typeof description !== "string") fail(where, `responses[${status}].description`, "a string", description);
  }
}

/**
 * Checks a route's options at mount time; `where` names the class, the handler and the
 * route (`Users.create() (POST /users)`). Anything that is not a Standard Schema v1 where a
 * schema goes is a TypeError naming the input.
 */
export function checkRouteOptions(options: unknown, where: string): RouteOptions {
  if (options === null || typeof options !== "object" || Array.isArray(options)) fail(where, "the route options", "an object", options);
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(ROUTE_OPTION_KEYS as readonly string[]).includes(key)) {
      throw new ConfigurationError("MV_INVALID_ROUTE_OPTIONS", `${where}: unknown route option "${key}"; the options are ${ROUTE_OPTION_KEYS.join(", ")}`);
    }
  }
  for (const input of INPUTS) {
    if (o[input] !== undefined && !isStandardSchema(o[input])) {
      fail(where, `the ${input} schema`, "a Standard Schema v1 (zod 3.24+, valibot 1, arktype 2, effect schema...)", o[input]);
    }
  }
  if (o.responses !== undefined) checkResponses(o.responses, where);
  for (const key of ["summary", "description", "operationId"] as const) {
    if (o[key] !== undefined && typeof o[key] !== "string") fail(where, key, "a string", o[key]);
  }
  if (o.deprecated !== undefined && typeof o.deprecated !== "boolean") fail(where, "deprecated", "a boolean", o.deprecated);
  if (o.tags !== undefined && !(Array.isArray(o.tags) && o.tags.every((tag) => typeof tag === "string"))) {
    fail(where, "tags", "an array of strings", o.tags);
  }
  return o as RouteOptions;
}

/** The route options among other options (`app.route`, `app.addUrlRule`), or none. */
export function pickRouteOptions(options: object): RouteOptions | undefined {
  let picked: Record<string, unknown> | undefined;
  for (const key of ROUTE_OPTION_KEYS) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) (picked ??= {})[key] = value;
  }
  return picked as RouteOptions | undefined;
}
