import { createServer, IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NodeSource } from "../../src/adapters/node/node-source.js";
import { BodyStop } from "../../src/app/bounded-read.js";
import { CONTENT_TYPE, READ_BODY } from "../../src/app/source-fast-paths.js";

function sourceWith(rawHeaders: string[]): NodeSource {
  const req = new IncomingMessage(new Socket());
  req.rawHeaders = rawHeaders;
  return new NodeSource(req, new ServerResponse(req), "/");
}

describe("NodeSource content type", () => {
  it.each([
    ["none", ["Host", "a"]],
    ["one", ["Content-Type", "application/json"]],
    ["lower-case", ["content-type", "text/plain; charset=utf-8"]],
    ["odd case", ["CONTENT-type", "application/json"]],
    ["repeats", ["Content-Type", "application/json", "X-Other", "1", "content-type", "text/plain"]],
    ["edge whitespace", ["Content-Type", " \tapplication/json \t"]],
    ["a refused value beside a kept one", ["Content-Type", "a\nb", "Content-Type", "application/json"]],
    ["an empty value", ["Content-Type", ""]],
    ["a name of the same length", ["Content-Typo", "x", "X-Request-Id", "y"]],
  ])("is what headers().get('content-type') gives (%s)", (_name, raw) => {
    const source = sourceWith(raw);
    expect(source[CONTENT_TYPE]()).toBe(source.headers().get("content-type"));
  });

  it("is what headers().get('content-type') gives for generated values, whitespace and control characters included", () => {
    const char = fc.constantFrom("a", "/", ";", "=", " ", "\t", "\n", "\r", "\0", "\v", "\f", "\u00a0", "\u00ff");
    const value = fc.array(char, { maxLength: 8 }).map((chars) => chars.join(""));
    const name = fc.constantFrom("Content-Type", "content-type", "X-Other");
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 3 }), (pairs) => {
        const source = sourceWith(pairs.flat());
        expect(source[CONTENT_TYPE]()).toBe(source.headers().get("content-type"));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("NodeSource body reads of one request", () => {
  it("gives a second reader the bytes while a first one's read parses them as they end", async () => {
    const server = createServer((req, res) => {
      const first = new NodeSource(req, res, "/");
      const second = new NodeSource(req, res, "/");
      const parsed = first[READ_BODY](1024, new BodyStop(), (bytes) => JSON.parse(Buffer.from(bytes).toString()) as unknown);
      const bytes = second.readBody(1024);
      void Promise.all([parsed, bytes]).then(([value, raw]) => {
        res.end(JSON.stringify({ value, raw: Buffer.from(raw).toString() }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: '{"n":1}' });
      expect(await response.json()).toEqual({ value: { n: 1 }, raw: '{"n":1}' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
