import type Koa from "koa";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Served } from "./conformance.js";

/** Serves a Koa app on 127.0.0.1, port 0; `path` is the mount prefix callers prepend. */
export async function serveKoa<S, C>(koa: Koa<S, C>, path = ""): Promise<Served> {
  const server: Server = createServer(koa.callback());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
