import "reflect-metadata";
import { Body, createExpressServer, Get, JsonController, Param, Post } from "routing-controllers";
import { announce, hello, HOST, PORT, portOf } from "./env.js";

/** routing-controllers on Express (its default driver), the way its README writes a controller. */
@JsonController()
class BenchController {
  @Get("/json")
  json() {
    return hello();
  }

  @Get("/users/:id")
  user(@Param("id") id: string) {
    return { id };
  }

  @Post("/echo")
  echo(@Body() body: unknown) {
    return body;
  }

  @Get("/async")
  async asyncJson() {
    return await Promise.resolve(hello());
  }
}

const app = createExpressServer({ controllers: [BenchController] }) as import("express").Express;
const server = app.listen(PORT, HOST, () => announce(portOf(server)));
