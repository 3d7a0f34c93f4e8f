export { methodviewPlugin } from "./methodview-plugin.js";
export { FastifySource } from "./fastify-source.js";
export { writeReply } from "./write-reply.js";
export type { MethodviewPluginOptions } from "./methodview-plugin.js";
export type { FastifyRaw } from "./fastify-source.js";
