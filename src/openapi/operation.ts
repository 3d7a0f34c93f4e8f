import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { InputName } from "../core/decorators/route-options.js";
import { statusTitle } from "../core/errors.js";
import type { RouteContract } from "../contract/route-contract.js";
import type { JsonSchema } from "./json-schema.js";
import type { PathParameter } from "./path-template.js";
import { BAD_BODY, INVALID, TOO_LARGE, UNSUPPORTED, type AppAnswer } from "./problem.js";
import type { SchemaComponents } from "./schema-components.js";

/** One operation to document: a method of a rule, with its contract. */
export interface PlannedOperation {
  readonly method: string;
  readonly operationId: string;
  readonly tags: readonly string[] | undefined;
  readonly parameters: readonly PathParameter[];
  readonly contract: RouteContract | undefined;
}

const SUCCESS_TITLES: Readonly<Record<number, string>> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  203: "Non-Authoritative Information",
  204: "No Content",
  205: "Reset Content",
  206: "Partial Content",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
};
/** Statuses whose responses have no content (RFC 9110). */
const NO_CONTENT = new Set([204, 205, 304]);
const WILDCARD = "The rest of the path, slashes included (the trailing * of the rule).";

function title(status: number): string {
  return SUCCESS_TITLES[status] ?? (status >= 400 ? statusTitle(status) : `Status ${status}`);
}

/** A name for a schema placed from this use, when it has no title: `UsersItemGetBody`. */
function hintOf(operationId: string, what: string): string {
  const words = operationId.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join("") + what;
}

/** Whether a (resolved) body schema has a file: it then travels as multipart/form-data. */
function hasFile(schema: JsonSchema): boolean {
  const properties = schema.properties;
  if (properties === null || typeof properties !== "object") return false;
  return Object.values(properties as Record<string, JsonSchema>).some((property) => {
    const items = property.items as JsonSchema | undefined;
    return [property, items].some((s) => s !== undefined && (s.format === "binary" || s.contentEncoding === "binary" || typeof s.contentMediaType === "string"));
  });
}

/** Counts the body and response schemas of an operation, before any is placed. */
export function countSchemas(planned: PlannedOperation, components: SchemaComponents): void {
  const contract = planned.contract;
  if (contract === undefined) return;
  if (contract.options.body !== undefined) components.count(contract.options.body, "input");
  for (const { schema } of contract.responses.values()) if (schema !== undefined) components.count(schema, "output");
}

/**
 * The parameters of an operation: the path's (typed by the `params` schema where it names
 * them), then one per property of the `query` and `headers` schemas, `required` as they say.
 */
function parametersOf(planned: PlannedOperation, components: SchemaComponents): JsonSchema[] {
  const { contract, operationId } = planned;
  const where = (input: InputName) => `${contract?.route ?? operationId}: the ${input} schema`;
  const shapeOf = (input: InputName, schema: StandardSchemaV1 | undefined) =>
    schema === undefined ? undefined : components.shape(schema, where(input), hintOf(operationId, input[0]!.toUpperCase() + input.slice(1)));
  const params = shapeOf("params", contract?.options.params);
  const out: JsonSchema[] = planned.parameters.map(({ name, wildcard, pattern }) => {
    const declared = params?.properties[name];
    const parameter: JsonSchema = { name, in: "path", required: true, schema: declared ?? { type: "string", ...(pattern === undefined ? {} : { pattern }) } };
    if (wildcard) parameter.description = WILDCARD;
    else if (typeof declared?.description === "string") parameter.description = declared.description;
    return parameter;
  });
  for (const input of ["query", "headers"] as const) {
    const shape = shapeOf(input, contract?.options[input]);
    if (shape === undefined) continue;
    for (const [name, schema] of Object.entries(shape.properties)) {
      const parameter: JsonSchema = { name, in: input === "query" ? "query" : "header", required: shape.required.has(name), schema };
      if (typeof schema.description === "string") parameter.description = schema.description;
      if (schema.deprecated === true) parameter.deprecated = true;
      out.push(parameter);
    }
  }
  return out;
}

/**
 * The Operation Object of a planned operation. The App's own answers it may give (400, 413,
 * 415 with a body, 422 with any schema) refer to `components/responses`, noted in `answers`.
 */
export function buildOperation(planned: PlannedOperation, components: SchemaComponents, answers: Set<AppAnswer>): JsonSchema {
  const { contract, operationId } = planned;
  const options = contract?.options ?? {};
  const operation: JsonSchema = { operationId };
  if (planned.tags !== undefined && planned.tags.length > 0) operation.tags = [...planned.tags];
  if (options.summary !== undefined) operation.summary = options.summary;
  if (options.description !== undefined) operation.description = options.description;
  if (options.deprecated === true) operation.deprecated = true;
  const parameters = parametersOf(planned, components);
  if (parameters.length > 0) operation.parameters = parameters;
  const route = contract?.route ?? operationId;
  if (options.body !== undefined) {
    const schema = components.use(options.body, "input", `${route}: the body schema`, hintOf(operationId, "Body"));
    const type = hasFile(components.resolve(schema)) ? "multipart/form-data" : "application/json";
    operation.requestBody = { required: true, content: { [type]: { schema } } };
  }
  const responses: JsonSchema = {};
  for (const { status, schema, description } of contract?.responses.values() ?? []) {
    const response: JsonSchema = { description: description ?? title(status) };
    if (schema !== undefined && !NO_CONTENT.has(status)) {
      const json = components.use(schema, "output", `${route}: the response ${status} schema`, hintOf(operationId, `Response${status}`));
      response.content = { "application/json": { schema: json } };
    }
    responses[String(status)] = response;
  }
  if (Object.keys(responses).length === 0) responses.default = { description: "The operation declares no responses." };
  const own: AppAnswer[] = [];
  if (options.body !== undefined) own.push(BAD_BODY, TOO_LARGE, UNSUPPORTED);
  if (contract?.checksRequests === true) own.push(INVALID);
  for (const answer of own) {
    if (responses[String(answer.status)] !== undefined) continue;
    responses[String(answer.status)] = { $ref: `#/components/responses/${answer.name}` };
    answers.add(answer);
  }
  // Status keys are integer-like, so a record lists them in order, `default` last.
  operation.responses = responses;
  return operation;
}
