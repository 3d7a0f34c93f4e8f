import type { App } from "../app/app.js";
import type { UrlRule } from "../app/url-map.js";
import { ConfigurationError } from "../core/errors.js";
import type { ViewFunction } from "../core/view-function.js";
import { isHidden } from "./hidden-routes.js";
import type { JsonSchema } from "./json-schema.js";
import { buildOperation, countSchemas, type PlannedOperation } from "./operation.js";
import { checkOpenApiOptions, type OpenApiInfo, type OpenApiOptions, type OpenApiServer } from "./openapi-options.js";
import { pathTemplate } from "./path-template.js";
import { answerResponse, NOT_ALLOWED, PROBLEM_SCHEMA, type AppAnswer } from "./problem.js";
import { SchemaComponents } from "./schema-components.js";

/** An OpenAPI 3.1 document, as a plain object ready for `JSON.stringify`. */
export interface OpenApiDocument {
  openapi: "3.1.0";
  info: OpenApiInfo;
  servers?: OpenApiServer[];
  tags?: { name: string }[];
  /** Path template (`/users/{id}`) to Path Item Object. */
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, JsonSchema> };
}

/**
 * The methods of a rule the document lists: what the view handles, not the HEAD the App adds
 * for a GET nor the OPTIONS it answers itself.
 */
function documentedMethods(rule: UrlRule): string[] {
  const own = (rule.viewFunc as Partial<ViewFunction>).methods;
  return rule.methods.filter((method) => {
    if (method === "HEAD") return own !== undefined ? own.includes("HEAD") : !rule.methods.includes("GET");
    if (method === "OPTIONS") return !rule.provideAutomaticOptions;
    return true;
  });
}

/**
 * `users-item` and GET: `users-item_get`; `/search` (or `app.get()`'s `GET /search`) and GET:
 * `search_get`. Only the characters tools take in an identifier.
 */
function generatedId(endpoint: string, method: string): string {
  const bare = endpoint.startsWith(`${method} `) ? endpoint.slice(method.length + 1) : endpoint;
  const name = bare.replace(/[^A-Za-z0-9_.-]+/g, "_").replace(/^_+|_+$/g, "");
  return `${name === "" ? "root" : name}_${method.toLowerCase()}`;
}

/** Every operation of the url map, in registration order, with a unique operationId. */
function plan(app: App, prefix: string): { path: string; planned: PlannedOperation }[] {
  const declaredBy = new Map<string, string>();
  const all: { path: string; planned: PlannedOperation; declared: boolean }[] = [];
  for (const rule of app.urlRules()) {
    if (isHidden(rule.viewFunc)) continue;
    const template = pathTemplate(rule.rule, prefix);
    const viewClass = (rule.viewFunc as Partial<ViewFunction>).viewClass;
    for (const method of documentedMethods(rule)) {
      const contract = rule.contracts?.[method];
      const declared = contract?.options.operationId;
      if (declared !== undefined) {
        const taken = declaredBy.get(declared);
        if (taken !== undefined) {
          throw new ConfigurationError(
            "MV_OPENAPI_DUPLICATE_OPERATION_ID",
            `openapi(): the operationId "${declared}" of ${method} ${rule.rule} is taken by ${taken}; an operationId names one operation`,
          );
        }
        declaredBy.set(declared, `${method} ${rule.rule}`);
      }
      const tags = contract?.options.tags ?? (viewClass === undefined ? undefined : [viewClass.name]);
      const planned = { method, operationId: declared ?? generatedId(rule.endpoint, method), tags, parameters: template.parameters, contract };
      all.push({ path: template.path, planned, declared: declared !== undefined });
    }
  }
  // A generated id gives way to a declared one, then to the ones before it: `_2`, `_3`...
  const used = new Set(declaredBy.keys());
  return all.map(({ path, planned, declared }) => {
    if (declared) return { path, planned };
    let id = planned.operationId;
    for (let n = 2; used.has(id); n++) id = `${planned.operationId}_${n}`;
    used.add(id);
    return { path, planned: { ...planned, operationId: id } };
  });
}

/**
 * Builds the OpenAPI 3.1 document of an App from its url map, at call time: every rule and
 * method (HEAD and automatic OPTIONS left out unless the view declares them), the route
 * options of each (`summary`, `description`, `tags`, `deprecated`, `operationId`), parameters
 * from the `params`, `query` and `headers` schemas, the request body from `body`, the
 * declared `responses`, and the problem+json answers the App itself gives (400, 413, 415,
 * 422, 405) with one `Problem` component. Schemas become JSON Schema through Standard JSON
 * Schema; one that cannot be converted is reported once to `app.logger.warn` and documented
 * as `{}`.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { App } from "methodview";
 * import { openapi } from "methodview/openapi";
 *
 * const app = new App();
 * app.route("/users/:id", (ctx) => ({ id: ctx.valid.params.id }), {
 *   params: z.object({ id: z.coerce.number().int() }),
 *   responses: { 200: z.object({ id: z.number() }) },
 *   summary: "Show a user",
 * });
 * const document = openapi(app, { info: { title: "Users", version: "1.0.0" } });
 * console.assert(document.paths["/users/{id}"]?.get?.summary === "Show a user");
 * ```
 * @see docs/openapi.md
 */
export function openapi(app: App, options: OpenApiOptions): OpenApiDocument {
  const { info, servers, prefix } = checkOpenApiOptions(options, "openapi(app, options)");
  const components = new SchemaComponents((message) => app.logger.warn(message));
  const problem = components.define("Problem", PROBLEM_SCHEMA);
  const operations = plan(app, prefix);
  for (const { planned } of operations) countSchemas(planned, components);
  const answers = new Set<AppAnswer>();
  const paths: OpenApiDocument["paths"] = {};
  const tags: string[] = [];
  for (const { path, planned } of operations) {
    (paths[path] ??= {})[planned.method.toLowerCase()] = buildOperation(planned, components, answers);
    for (const tag of planned.tags ?? []) if (!tags.includes(tag)) tags.push(tag);
  }
  // 405 is no operation's own answer: it is documented once, for every path.
  if (operations.length > 0) answers.add(NOT_ALLOWED);
  const responses: Record<string, JsonSchema> = {};
  for (const answer of [...answers].sort((a, b) => a.status - b.status)) responses[answer.name] = answerResponse(answer, `#/components/schemas/${problem}`);
  const document: OpenApiDocument = { openapi: "3.1.0", info: structuredClone(info), paths, components: { schemas: components.schemas, responses } };
  if (servers !== undefined) document.servers = structuredClone([...servers]);
  if (tags.length > 0) document.tags = tags.map((name) => ({ name }));
  return reorder(document);
}

/** The document's fields in the order readers expect: openapi, info, servers, tags, paths, components. */
function reorder(document: OpenApiDocument): OpenApiDocument {
  const { openapi: version, info, servers, tags, paths, components } = document;
  return { openapi: version, info, ...(servers === undefined ? {} : { servers }), ...(tags === undefined ? {} : { tags }), paths, components };
}
