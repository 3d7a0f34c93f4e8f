export { openapi } from "./openapi.js";
export type { OpenApiDocument } from "./openapi.js";
export type { OpenApiInfo, OpenApiOptions, OpenApiServer } from "./openapi-options.js";
export type { JsonSchema } from "./json-schema.js";
