import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { App } from "../../src/index.js";
import { servers } from "./support.js";

const serve = servers();

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(text));
    let data = "";
    socket.on("data", (chunk) => (data += chunk.toString("latin1")));
    socket.on("end", () => resolve(data));
    socket.on("error", reject);
  });
}

describe("app.listen() and requests node's parser refuses", () => {
  it("answers a malformed request line with a problem+json 400 and keeps serving", async () => {
    const app = new App();
    app.route("/", () => "ok");
    const { port } = await serve.listen(app);
    const answer = await rawRequest(port, "NOT A REQUEST\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain("content-type: application/problem+json");
    expect(answer).toContain('"status":400');
    const ok = await rawRequest(port, "GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
    expect(ok).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it("answers headers past node's limit with 431", async () => {
    const app = new App();
    app.route("/", () => "ok");
    const { port } = await serve.listen(app);
    const answer = await rawRequest(port, `GET / HTTP/1.1\r\nhost: x\r\nx-big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('"status":431');
  });
});
