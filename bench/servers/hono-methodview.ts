import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { App } from "../../src/index.js";
import { announce, HOST, importOrSkip, PORT } from "./env.js";
import { methodviewApp } from "./methodview-app.js";

/** methodview/hono: the App as a Hono sub-app, mounted with `hono.route()`, on @hono/node-server. */
interface HonoAdapter {
  toHono(app: App): Hono;
}

const { toHono } = await importOrSkip<HonoAdapter>("methodview/hono");
const app = await methodviewApp();
const hono = new Hono();
hono.route("/", toHono(app));
serve({ fetch: hono.fetch, port: PORT, hostname: HOST }, (info) => announce(info.port));
