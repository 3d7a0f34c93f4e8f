import { App, HttpError, ViewResponse, json, redirect, text, type Logger } from "../../src/index.js";

/** A secret that a handler bug carries; it must never reach a client. */
export const INTERNAL = "internal-detail-7f3a";

function withStatus(status: unknown): HttpError {
  const error = new HttpError(400, INTERNAL);
  Object.defineProperty(error, "status", { value: status });
  return error;
}

function unreadableMessage(): Error {
  const error = new Error(INTERNAL);
  Object.defineProperty(error, "message", {
    get() {
      throw new Error(INTERNAL);
    },
  });
  return error;
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** What each route of the defect App returns (or throws), by path. */
export const RESULTS: Record<string, () => unknown> = {
  "/header-crlf": () => ["ok", 200, { "x-echo": `/x\r\nSet-Cookie: a=${INTERNAL}` }],
  "/header-ctl": () => ["ok", 200, { "x-echo": "a\u0001b" }],
  "/header-nul": () => ["ok", 200, { "x-echo": "a\u0000b" }],
  "/header-non-latin1": () => ["ok", 200, { "x-echo": "€" }],
  "/header-name": () => ["ok", 200, { "bad name": "x" }],
  "/status-99": () => {
    throw withStatus(99);
  },
  "/status-1000": () => {
    throw withStatus(1000);
  },
  "/redirect-crlf": () => redirect(`/x\r\nSet-Cookie: a=${INTERNAL}`),
  "/redirect-euro": () => redirect("/€?q=%41 b"),
  "/content-length": () => ["hello", 200, { "content-length": "2" }],
  "/transfer-encoding": () => ["hello", 200, { "transfer-encoding": "chunked" }],
  "/tuple-103": () => ["x", 103],
  "/json-103": () => json({}, { status: 103 }),
  "/text-103": () => text("x", { status: 103 }),
  "/status-nan": () => new ViewResponse(Number.NaN, {}, "x"),
  "/status-abc": () => new ViewResponse("abc" as never, {}, "x"),
  "/status-99-view": () => new ViewResponse(99, {}, "x"),
  "/status-1000-view": () => new ViewResponse(1000, {}, "x"),
  "/throw-getter": () => {
    throw unreadableMessage();
  },
  "/throw-proxy": () => {
    throw revokedProxy();
  },
  "/204-body": () => ["abcd", 204],
  "/304-body": () => ["abcd", 304],
  "/204-null": () => null,
};

/** The defect App: one route per result, after and teardown hooks that count their runs. */
export function boundaryApp(logger: Logger): { app: App; hooks: string[] } {
  const app = new App({ logger });
  const hooks: string[] = [];
  app.afterRequest((response, ctx) => void hooks.push(`after ${ctx.path}`));
  app.teardownRequest((_error, ctx) => void hooks.push(`teardown ${ctx.path}`));
  app.route("/health", () => "ok");
  for (const [path, result] of Object.entries(RESULTS)) app.route(path, result, { endpoint: path });
  app.route("/files/*", () => "file", { endpoint: "files" });
  app.route("/to-evil", () => redirect(app.urlFor("files", { "*": "/evil.example/x" })));
  return { app, hooks };
}
