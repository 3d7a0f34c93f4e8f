import "reflect-metadata";
import { Body, Controller, Get, HttpCode, Module, Param, Post } from "@nestjs/common";
import { hello } from "./env.js";

/** The scenarios as a NestJS controller, the way the NestJS docs write one. */
@Controller()
export class BenchController {
  @Get("json")
  json() {
    return hello();
  }

  @Get("users/:id")
  user(@Param("id") id: string) {
    return { id };
  }

  @Post("echo")
  @HttpCode(200)
  echo(@Body() body: unknown) {
    return body;
  }

  @Get("async")
  async asyncJson() {
    return await Promise.resolve(hello());
  }
}

@Module({ controllers: [BenchController] })
export class BenchModule {}
