import { NestFactory } from "@nestjs/core";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { announce, HOST, PORT, portOf } from "./env.js";
import { BenchModule } from "./nest-module.js";

/** NestJS on Express (its default platform), for context. */
const app = await NestFactory.create<NestExpressApplication>(BenchModule, { logger: false });
await app.listen(PORT, HOST);
announce(portOf(app.getHttpServer()));
