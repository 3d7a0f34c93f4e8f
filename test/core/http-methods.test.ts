import { describe, expect, it } from "vitest";
import { normalizeMethods, sortMethods } from "../../src/host/index.js";

describe("normalizeMethods()", () => {
  it("upper-cases and de-duplicates, keeping the first order", () => {
    expect(normalizeMethods(["post", "GET", "Post", "propfind"], "Owner")).toEqual(["POST", "GET", "PROPFIND"]);
  });

  it("rejects a string, a non-array and non-token names, naming the owner", () => {
    expect(() => normalizeMethods("GET", "Users.methods")).toThrow(/^Users\.methods: methods must be an array/);
    expect(() => normalizeMethods(undefined, "Users.methods")).toThrow(TypeError);
    expect(() => normalizeMethods(["GET", 1], "Users.methods")).toThrow(/Users\.methods: 1 is not an HTTP method name/);
    expect(() => normalizeMethods(["GE T"], "Users.methods")).toThrow(TypeError);
    expect(() => normalizeMethods([""], "Users.methods")).toThrow(TypeError);
  });
});

describe("sortMethods()", () => {
  it("lists standard methods in Allow order, then the others alphabetically, once each", () => {
    expect(sortMethods(["TRACE", "REPORT", "OPTIONS", "POST", "GET", "PROPFIND", "HEAD", "GET"])).toEqual([
      "GET",
      "HEAD",
      "POST",
      "OPTIONS",
      "TRACE",
      "PROPFIND",
      "REPORT",
    ]);
  });
});
