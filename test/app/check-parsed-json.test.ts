import secureJson from "secure-json-parse";
import { describe, expect, it } from "vitest";
import { checkParsedJson } from "../../src/app/body.js";
import { BadRequest } from "../../src/core/errors.js";

/** What `secure-json-parse` itself decides about a parsed value: refused or not. */
function refusedBySecureJson(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  try {
    secureJson.scan(value as Record<string, unknown>, { protoAction: "error", constructorAction: "error" });
    return false;
  } catch {
    return true;
  }
}

const TEXTS = [
  "1",
  '"__proto__"',
  "null",
  "[]",
  "{}",
  '{"name":"bench","tags":["a","b"],"n":1}',
  '{"__proto__":{"polluted":true}}',
  '{"a":{"b":[1,{"__proto__":null}]}}',
  '[[[{"__proto__":1}]]]',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"x":[{"constructor":{"prototype":1}}]}',
  '{"constructor":{"name":"x"}}',
  '{"constructor":"prototype"}',
  '{"constructor":null}',
  '{"constructor":[{"prototype":1}]}',
  '{"proto":{"__proto":1},"_proto_":[]}',
  '{"a":[null,true,"s",2.5,{"b":{}}]}',
];

describe("checkParsedJson()", () => {
  it.each(TEXTS)("decides %s as secure-json-parse does", (text) => {
    const value: unknown = JSON.parse(text);
    if (refusedBySecureJson(value)) {
      expect(() => checkParsedJson(value)).toThrow(BadRequest);
    } else {
      expect(checkParsedJson(value)).toBe(value);
    }
  });

  it("refuses a forbidden key with a 400 that keeps the parser's reason as its cause", () => {
    const error = (() => {
      try {
        checkParsedJson(JSON.parse('{"a":[{"__proto__":{}}]}'));
      } catch (caught) {
        return caught as BadRequest;
      }
    })();
    expect(error).toBeInstanceOf(BadRequest);
    expect(error?.status).toBe(400);
    expect((error?.cause as Error).message).toBe("Object contains forbidden prototype property");
  });
});
