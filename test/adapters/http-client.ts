import { Agent, request as httpRequest } from "node:http";

/** A keep-alive agent so that hundreds of concurrent requests reuse sockets. */
export const agent = new Agent({ keepAlive: true, maxSockets: 128 });

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request over node:http, returning status, headers and the whole body as text. */
export function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? "GET", headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/** Sends a request and destroys it once `ready()` says the server started on it. */
export async function sendAndDisconnect(url: string, ready: () => Promise<boolean>): Promise<void> {
  const req = httpRequest(url, { method: "GET" });
  req.on("error", () => undefined);
  req.end();
  for (let i = 0; i < 200 && !(await ready()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  req.destroy();
}

/** Polls `check` until it returns true (at most ~2 s); returns its last answer. */
export async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return check();
}
