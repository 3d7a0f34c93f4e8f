import Fastify, { type FastifyPluginAsync } from "fastify";
import type { App } from "../../src/index.js";
import { announce, HOST, importOrSkip, PORT, portOf } from "./env.js";
import { methodviewApp } from "./methodview-app.js";

/** methodview/fastify: the App registered as a Fastify plugin. */
interface FastifyAdapter {
  methodviewPlugin: FastifyPluginAsync<{ app: App; prefix?: string }>;
}

const { methodviewPlugin } = await importOrSkip<FastifyAdapter>("methodview/fastify");
const app = await methodviewApp();
const fastify = Fastify();
await fastify.register(methodviewPlugin, { app });
await fastify.listen({ port: PORT, host: HOST });
announce(portOf(fastify.server));
