import type { AddressInfo } from "node:net";
import type { App } from "../../app/app.js";
import { answerClientError } from "./client-error.js";
import { toNodeListener } from "./listener.js";

/** A node:http server serving an App, as `app.listen()` starts it. */
export interface NodeServerHandle {
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, closes idle ones, resolves when every connection is done. */
  close(): Promise<void>;
  /** Closes every connection now, busy or not. */
  closeAllConnections(): void;
}

/** Starts a node:http server for `app` on `host:port` (default 127.0.0.1, a free port). */
export async function listen(app: App, options: { port?: number; host?: string } = {}): Promise<NodeServerHandle> {
  const { createServer } = await import("node:http");
  const host = options.host ?? "127.0.0.1";
  const server = createServer(toNodeListener(app));
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      })),
    closeAllConnections: () => server.closeAllConnections(),
  };
}
