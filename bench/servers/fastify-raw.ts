import Fastify from "fastify";
import { HOOK_HEADER, HOOK_USER } from "../scenarios.js";
import { parseBenchItem } from "./bench-schema.js";
import { announce, hello, HOOKS, HOST, PORT, portOf } from "./env.js";

declare module "fastify" {
  interface FastifyRequest {
    user?: string;
  }
}

/** Raw Fastify 5, as its docs write routes and hooks (no response schemas: the adapter has none). */
const fastify = Fastify();
if (HOOKS) {
  fastify.decorateRequest("user", "");
  fastify.addHook("onRequest", (request, _reply, done) => {
    request.user = HOOK_USER;
    done();
  });
  fastify.addHook("onSend", (_request, reply, payload, done) => {
    reply.header(HOOK_HEADER, "1");
    done(null, payload);
  });
}
fastify.get("/json", (_request, reply) => {
  reply.send(hello());
});
fastify.get<{ Params: { id: string } }>("/users/:id", (request, reply) => {
  reply.send({ id: request.params.id });
});
fastify.post("/echo", (request, reply) => {
  reply.send(request.body);
});
fastify.post("/validated", (request, reply) => {
  const { status, data } = parseBenchItem(request.body);
  reply.code(status).send(data);
});
fastify.get("/async", async () => {
  return await Promise.resolve(hello());
});
fastify.get("/hooks", (request, reply) => {
  reply.send({ ...hello(), user: request.user });
});

await fastify.listen({ port: PORT, host: HOST });
announce(portOf(fastify.server));
