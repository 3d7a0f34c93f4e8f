import { request, type HostileRequest } from "./hostile-request.js";

// Cases every run starts with (fast-check `examples`), by property group: the disagreements of
// issue 9, so that none depends on the random draw. The first is the health check.

const body = (target: string, payload: string, headers: [string, string][]) =>
  request({ method: "POST", target, headers, body: Buffer.from(payload), payload: Buffer.from(payload) });

export const DIFFERENTIAL_EXAMPLES: Record<"paths" | "methods" | "headers" | "bodies", HostileRequest[]> = {
  paths: [
    request({ method: "GET", target: "/health" }),
    request({ method: "GET", target: "/x/teapot" }),
    request({ method: "GET", target: "/x/%74eapot" }),
    request({ method: "GET", target: "http://127.0.0.1/admin" }),
    request({ method: "GET", target: "//admin" }),
    request({ method: "GET", target: "/files/../admin" }),
    request({ method: "GET", target: "/files/a/%2e%2e/b" }),
    request({ method: "GET", target: "/p/a%2Fb" }),
    request({ method: "GET", target: "/p/" }),
    request({ method: "GET", target: "/admin//%zz" }),
  ],
  methods: [
    request({ method: "get", target: "/health" }),
    request({ method: "FOO", target: "/x/teapot" }),
    request({ method: "PURGE", target: "/x/teapot" }),
    request({ method: "OPTIONS", target: "/echo/json" }),
    request({ method: "GET", target: "/redirect" }),
  ],
  headers: [
    body("/echo/json", '{"a":1}', [["content-type", "application/json"], ["content-type", "application/json"], ["content-length", "7"]]),
    body("/echo/text", "hello", [["content-type", "text/plain; charset=utf-16le"], ["content-length", "5"]]),
    body("/echo/text", "hello", [["content-type", ""], ["content-length", "5"]]),
  ],
  bodies: [
    request({ method: "POST", target: "/echo/text", headers: [["content-type", "text/plain"], ["content-length", "100"]], body: Buffer.from("hello"), lie: true, truncated: true }),
    request({ method: "POST", target: "/echo/json", headers: [["content-type", "application/json"], ["content-length", "100"]], body: Buffer.from('{"a":'), lie: true, truncated: true }),
  ],
};
