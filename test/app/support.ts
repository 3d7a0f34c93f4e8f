import { createServer, request as nodeRequest, type Agent, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, vi, type Mock } from "vitest";
import type { App, ListeningServer, Logger } from "../../src/index.js";
import { toNodeListener } from "../../src/adapters/node/index.js";

/** A logger that prints nothing and records every call. */
export type SilentLogger = Logger & { error: Mock<Logger["error"]>; warn: Mock<Logger["warn"]> };

export function silentLogger(): SilentLogger {
  return { error: vi.fn(), warn: vi.fn() };
}

/** A promise with its resolve function, to hold a handler until the test lets it go. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Servers opened by a test file, closed after each test: `listen(app)` for `app.listen()`,
 * `node(app)` for a plain node:http server around `toNodeListener(app)`.
 */
export function servers() {
  const open: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((close) => close()));
  });
  return {
    async listen(app: App): Promise<ListeningServer> {
      const server = await app.listen({ port: 0 });
      open.push(() => server.close());
      return server;
    },
    async node(app: App): Promise<{ url: string; server: Server }> {
      const server = createServer(toNodeListener(app));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      open.push(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      );
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A request with node:http, for what fetch hides: the body written in chunks (no
 * content-length unless given), a HEAD response's headers, a chosen agent.
 * `pauseMs` waits between chunks. Errors after the response arrived (the server closed while the body was still going) are ignored.
 */
export function httpRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; chunks?: (string | Buffer)[]; pauseMs?: number; agent?: Agent } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = nodeRequest(url, { method: init.method ?? "GET", headers: init.headers, agent: init.agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("error", reject);
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => {
        answered = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    void (async () => {
      for (const chunk of init.chunks ?? []) {
        if (req.destroyed) return;
        req.write(chunk);
        // A pause lets the server read (and judge) each chunk before the next one is sent.
        if (init.pauseMs !== undefined) await sleep(init.pauseMs);
      }
      req.end();
    })();
  });
}
