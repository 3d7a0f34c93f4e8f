export { methodviewPlugin } from "./methodview-plugin.js";
export type { MethodviewPluginOptions } from "./methodview-plugin.js";
export type { FastifyRaw } from "./fastify-source.js";
