import type { StandardSchemaV1 } from "@standard-schema/spec";

/**
 * The inputs a route may validate, in the order they are checked. The contract layer
 * (src/contract) checks and compiles these declarations; the decorators only record them.
 */
export const INPUTS = ["params", "query", "headers", "body"] as const;

/** Where an input comes from: `ctx.params`, `ctx.query`, `ctx.headers` or the body. */
export type InputName = (typeof INPUTS)[number];

/** A response a route declares: its schema, or its schema with a description. */
export type ResponseDeclaration = StandardSchemaV1 | { readonly schema?: StandardSchemaV1; readonly description?: string };

/** The schemas of a route's inputs, each any Standard Schema v1 (zod, valibot, arktype...). */
export type InputSchemas = { readonly [K in InputName]?: StandardSchemaV1 };

/**
 * What a route declares about its contract: the schemas of its inputs and responses, and the
 * facts an OpenAPI document reads. Given to `@get(path?, options)`, `@route(methods, path?,
 * options)`, `app.route(rule, handler, options)`, `app.addUrlRule` and `static schemas`.
 * @see docs/validation.md
 */
export interface RouteOptions extends InputSchemas {
  /** Status code to the schema of that response's JSON body (checked with `validateResponses`). */
  readonly responses?: { readonly [status: number]: ResponseDeclaration };
  /** A one-line summary of the operation. */
  readonly summary?: string;
  /** A longer description of the operation. */
  readonly description?: string;
  /** Groups for the operation. */
  readonly tags?: readonly string[];
  /** Whether the operation is deprecated. */
  readonly deprecated?: boolean;
  /** A unique name of the operation. */
  readonly operationId?: string;
}

/** The options declared for one handler, with the handler's name for mount-time errors. */
export interface DeclaredRoute {
  /** The handler, as errors name it: `Users.create()`. */
  readonly handler: string;
  readonly options: RouteOptions;
}
