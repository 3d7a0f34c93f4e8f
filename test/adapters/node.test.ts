import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeListener } from "../../src/adapters/node/index.js";
import { runConformance } from "./conformance.js";

runConformance({
  name: "methodview/node",
  notFound: "app",
  async serve(app) {
    const server = createServer(toNodeListener(app));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    };
  },
});

runConformance({
  name: "app.listen()",
  notFound: "app",
  async serve(app) {
    const server = await app.listen({ port: 0 });
    return { url: server.url, close: async () => void (await server.close()) };
  },
});
