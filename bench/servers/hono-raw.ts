import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { HOOK_HEADER, HOOK_USER } from "../scenarios.js";
import { parseBenchItem } from "./bench-schema.js";
import { announce, hello, HOOKS, HOST, PORT } from "./env.js";

/** Raw Hono 4 on @hono/node-server, as its docs write an app and a middleware. */
const hono = new Hono<{ Variables: { user?: string } }>();
if (HOOKS) {
  hono.use(async (c, next) => {
    c.set("user", HOOK_USER);
    await next();
    c.header(HOOK_HEADER, "1");
  });
}
hono.get("/json", (c) => c.json(hello()));
hono.get("/users/:id", (c) => c.json({ id: c.req.param("id") }));
hono.post("/echo", async (c) => c.json(await c.req.json()));
hono.post("/validated", async (c) => {
  const { status, data } = parseBenchItem(await c.req.json());
  return c.json(data, status as 200 | 422);
});
hono.get("/async", async (c) => c.json(await Promise.resolve(hello())));
hono.get("/hooks", (c) => c.json({ ...hello(), user: c.get("user") }));

serve({ fetch: hono.fetch, port: PORT, hostname: HOST }, (info) => announce(info.port));
