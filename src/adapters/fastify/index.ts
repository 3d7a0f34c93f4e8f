export { methodviewPlugin } from "./methodview-plugin.js";
export { methodviewFrameworkErrors } from "./framework-errors.js";
export type { MethodviewPluginOptions } from "./methodview-plugin.js";
export type { FastifyRaw } from "./fastify-source.js";
