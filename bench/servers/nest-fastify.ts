import { NestFactory } from "@nestjs/core";
import { FastifyAdapter, type NestFastifyApplication } from "@nestjs/platform-fastify";
import { announce, HOST, PORT, portOf } from "./env.js";
import { BenchModule } from "./nest-module.js";

/** NestJS on Fastify, for context. */
const app = await NestFactory.create<NestFastifyApplication>(BenchModule, new FastifyAdapter(), { logger: false });
await app.listen(PORT, HOST);
announce(portOf(app.getHttpServer()));
