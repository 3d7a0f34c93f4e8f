import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { toHono } from "../../src/adapters/hono/index.js";
import { runConformance } from "./conformance.js";

runConformance({
  name: "methodview/hono",
  notFound: "host",
  async serve(app) {
    const hono = new Hono();
    // A Hono middleware around every view, as a real app has (the host-specific tests check it runs).
    hono.use("*", async (c, next) => {
      await next();
      c.header("x-hono-middleware", "1");
    });
    hono.route("/api", toHono(app));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: hono.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/api`,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
    };
  },
});
