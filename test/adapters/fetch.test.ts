import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { runConformance } from "./conformance.js";

// app.fetch on a real Fetch-style server: @hono/node-server turns node:http into Request/Response.
runConformance({
  name: "app.fetch",
  notFound: "app",
  async serve(app) {
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
    };
  },
});
