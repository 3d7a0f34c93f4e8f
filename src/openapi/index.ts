export { openapi } from "./openapi.js";
export type { OpenApiDocument } from "./openapi.js";
export type { OpenApiInfo, OpenApiOptions, OpenApiServer } from "./openapi-options.js";
export type { JsonSchema } from "./json-schema.js";
export { mountDocs } from "./mount-docs.js";
export type { DocsOptions } from "./mount-docs.js";
