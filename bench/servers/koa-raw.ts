import { bodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import Koa from "koa";
import { HOOK_HEADER, HOOK_USER } from "../scenarios.js";
import { parseBenchItem } from "./bench-schema.js";
import { announce, hello, HOOKS, HOST, PORT, portOf } from "./env.js";

/** Raw Koa 3 with @koa/router and @koa/bodyparser, as their READMEs write them. */
const koa = new Koa();
const router = new Router();
router.get("/json", (ctx) => {
  ctx.body = hello();
});
router.get("/users/:id", (ctx) => {
  ctx.body = { id: ctx.params.id };
});
router.post("/echo", (ctx) => {
  ctx.body = ctx.request.body;
});
router.post("/validated", (ctx) => {
  const { status, data } = parseBenchItem(ctx.request.body);
  ctx.status = status;
  ctx.body = data;
});
router.get("/async", async (ctx) => {
  ctx.body = await Promise.resolve(hello());
});
router.get("/hooks", (ctx) => {
  ctx.body = { ...hello(), user: ctx.state.user as string | undefined };
});

if (HOOKS) {
  koa.use(async (ctx, next) => {
    ctx.state.user = HOOK_USER;
    await next();
    ctx.set(HOOK_HEADER, "1");
  });
}
koa.use(bodyParser());
koa.use(router.routes()).use(router.allowedMethods());

const server = koa.listen(PORT, HOST, () => announce(portOf(server)));
