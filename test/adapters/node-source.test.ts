import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NodeSource } from "../../src/adapters/node/node-source.js";
import { CONTENT_TYPE } from "../../src/app/source-fast-paths.js";

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
