import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { HOOK_HEADER, HOOK_USER } from "../scenarios.js";
import { parseBenchItem } from "./bench-schema.js";
import { announce, hello, HOOKS, HOST, PORT, portOf } from "./env.js";

/** The baseline: node:http with a hand-written router, the least any server can do. */
interface State {
  user?: string;
}

function send(res: ServerResponse, data: unknown, status = 200): void {
  const body = JSON.stringify(data);
  const headers: Record<string, string | number> = { "content-type": "application/json", "content-length": Buffer.byteLength(body) };
  if (HOOKS) headers[HOOK_HEADER] = "1"; // the "after" hook
  res.writeHead(status, headers);
  res.end(body);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch (error) {
        reject(error);
      }
    });
    req.on("error", reject);
  });
}

async function loadHello(): Promise<{ hello: string }> {
  return await Promise.resolve(hello());
}

const server = createServer((req, res) => {
  const state: State = {};
  if (HOOKS) state.user = HOOK_USER; // the "before" hook
  const url = req.url ?? "/";
  if (req.method === "GET") {
    if (url === "/json") return send(res, hello());
    if (url.startsWith("/users/")) return send(res, { id: decodeURIComponent(url.slice("/users/".length)) });
    if (url === "/async") return void loadHello().then((data) => send(res, data));
    if (url === "/hooks") return send(res, { ...hello(), user: state.user });
  } else if (req.method === "POST" && url === "/echo") {
    return void readJson(req).then(
      (data) => send(res, data),
      () => send(res, { error: "bad json" }, 400),
    );
  } else if (req.method === "POST" && url === "/validated") {
    return void readJson(req).then(
      (body) => {
        const { status, data } = parseBenchItem(body);
        send(res, data, status);
      },
      () => send(res, { error: "bad json" }, 400),
    );
  }
  send(res, { error: "not found" }, 404);
});

server.listen(PORT, HOST, () => announce(portOf(server)));
