import { serve as serveFetch } from "@hono/node-server";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { closeServer } from "../adapters/targets.js";
import { exchange, wireHeader, type Exchange } from "./hostile-raw-http.js";
import { wireBytes, type HostileRequest } from "./hostile-request.js";

/**
 * What plain node:http does with a request before any application code: the listener ran and
 * read the whole body (`listener`), node's parser refused the head or the body (`client-error`,
 * its `clientError` event), node answered by itself (`node`: no Host header, an unknown
 * `Expect`), or it closed the connection without a word (`none`: CONNECT).
 */
export interface NodeVerdict {
  readonly first: "listener" | "client-error" | "node" | "none";
  /** The status node answered with by itself, for `node`. */
  readonly status?: number;
  /** Whether the parser refused anything on the connection, this request or bytes after it. */
  readonly clientError: boolean;
}

/**
 * Reference servers that tell who answers a request: plain node:http, and @hono/node-server
 * around a fetch function that always answers. A target's answer that breaks the rules is
 * excused only when a reference shows it comes from below methodview (see hostile-judge.ts).
 */
export interface Oracles {
  node(req: HostileRequest): Promise<NodeVerdict>;
  /** Whether @hono/node-server refused the request (400) before calling fetch. */
  fetchRefused(req: HostileRequest): Promise<boolean>;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

function ask(port: number, req: HostileRequest): Promise<Exchange> {
  return exchange(port, wireBytes(req, ""), { halfClose: req.truncated, head: req.method === "HEAD", gapMs: 1 });
}

/** Starts both reference servers. */
export async function startOracles(): Promise<Oracles> {
  const node = createServer((incoming, outgoing) => {
    incoming.on("error", () => undefined);
    incoming.resume();
    incoming.on("end", () => outgoing.writeHead(200, { "x-oracle": "listener" }).end());
  });
  node.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy();
    socket.end(`HTTP/1.1 400 Bad Request\r\nx-oracle: client-error\r\nx-oracle-code: ${error.code}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
  });
  const nodePort = await listen(node);
  const fetchServer = await new Promise<ReturnType<typeof serveFetch>>((resolve) => {
    const server = serveFetch(
      {
        fetch: async (request: Request) => {
          await request.arrayBuffer().catch(() => undefined);
          return new Response(null, { status: 204, headers: { "x-oracle": "fetch" } });
        },
        port: 0,
        hostname: "127.0.0.1",
      },
      () => resolve(server),
    );
  });
  const fetchPort = (fetchServer.address() as AddressInfo).port;

  return {
    async node(req) {
      const answer = await ask(nodePort, req);
      const finals = answer.responses.filter((response) => response.status >= 200);
      const marks = finals.map((response) => wireHeader(response, "x-oracle"));
      const clientError = marks.includes("client-error");
      if (finals.length === 0) return { first: "none", clientError };
      const first = marks[0];
      if (first === "listener" || first === "client-error") return { first, clientError };
      return { first: "node", status: finals[0]!.status, clientError };
    },
    async fetchRefused(req) {
      const answer = await ask(fetchPort, req);
      const first = answer.responses.find((response) => response.status >= 200);
      return first !== undefined && first.status === 400 && wireHeader(first, "x-oracle") === undefined;
    },
    async close() {
      await closeServer(node);
      await closeServer(fetchServer as unknown as Server);
    },
  };
}
