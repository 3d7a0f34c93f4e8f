import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { toExpressRouter } from "../../src/adapters/express/index.js";
import { runConformance } from "./conformance.js";

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

runConformance({
  name: "methodview/express",
  notFound: "host",
  async serve(app) {
    const host = express().use("/api", toExpressRouter(app));
    const server = await new Promise<Server>((resolve) => {
      const s = host.listen(0, "127.0.0.1", () => resolve(s));
    });
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, close: () => closeServer(server) };
  },
});
