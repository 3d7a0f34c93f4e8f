import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pathAsIs, removeDotSegments, resolveTarget } from "../../src/app/request-target.js";

describe("pathAsIs(target)", () => {
  it("gives the path of an origin-form target, or of an absolute one with no query or fragment in its authority", () => {
    const cases: [string, string | undefined][] = [
      ["/a?b", "/a?b"],
      ["http://h/a", "/a"],
      ["https://h:1/a/b", "/a/b"],
      ["http://h?q/a", undefined],
      ["http://h#f/a", undefined],
      ["http://h", undefined],
      ["HTTP://h/a", undefined],
      ["ftp://h/a", undefined],
      ["*", undefined],
    ];
    for (const [target, path] of cases) expect([target, pathAsIs(target)]).toEqual([target, path]);
  });

  it("agrees with resolveTarget() wherever it gives a path with no query or dot segment, for generated targets", () => {
    const part = fc.constantFrom("http://", "https://", "h", "/", "?", "#", ":", "a", "%2e", ".", "HTTP://");
    const built = fc.array(part, { maxLength: 8 }).map((parts) => parts.join(""));
    // As a Fetch runtime builds it: scheme, host and path joined at run time (a cons string).
    const joined = fc.tuple(built, built).map(([head, tail]) => `${head}${tail}`);
    fc.assert(
      fc.property(fc.oneof(built, joined), (target) => {
        const path = pathAsIs(target);
        if (path !== undefined && !path.includes("?") && !path.includes("#") && !/\/\.|%2e/i.test(path)) {
          expect(resolveTarget(target)?.path).toBe(path);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe("removeDotSegments(path)", () => {
  it("resolves . and .. as RFC 3986 §5.2.4 does, never above the root", () => {
    const cases: [string, string][] = [
      ["/a/b/c/./../../g", "/a/g"],
      ["/a/./b", "/a/b"],
      ["/a/b/..", "/a/"],
      ["/a/b/.", "/a/b/"],
      ["/..", "/"],
      ["/../../x", "/x"],
      ["/a/%2e%2E/b", "/b"],
      ["/a/.%2e/b", "/b"],
      ["/a/%2E./b", "/b"],
      ["/a/%2e/b", "/a/b"],
      ["/a/.../b", "/a/.../b"],
      ["/a/..b/c", "/a/..b/c"],
      ["/a//../b", "/a/b"],
      ["/plain/path", "/plain/path"],
    ];
    for (const [input, output] of cases) expect([input, removeDotSegments(input)]).toEqual([input, output]);
  });

  it("finds dot segments in paths short and long (a short path is scanned by hand, a long one searched)", () => {
    const long = `/${"a".repeat(80)}`;
    expect(removeDotSegments(`${long}/../b`)).toBe("/b");
    expect(removeDotSegments(`${long}/%2e%2e/b`)).toBe("/b");
    expect(removeDotSegments(`${long}/b`)).toBe(`${long}/b`);
    expect(removeDotSegments("/x/%2e%2e")).toBe("/");
    expect(removeDotSegments("/x%25/y")).toBe("/x%25/y");
    expect(removeDotSegments("/file.txt")).toBe("/file.txt");
  });
});

describe("resolveTarget(target, prefix)", () => {
  it("keeps an origin-form target as it is", () => {
    expect(resolveTarget("/a/b?x=1")).toEqual({ path: "/a/b", query: "x=1", url: "/a/b?x=1" });
    expect(resolveTarget("//a//b")).toEqual({ path: "//a//b", query: "", url: "//a//b" });
  });

  it("drops the scheme and authority of an absolute-form target, whatever their case", () => {
    expect(resolveTarget("http://example.com/admin?x=1")).toEqual({ path: "/admin", query: "x=1", url: "/admin?x=1" });
    expect(resolveTarget("HTTPS://Example.COM:8443/a/../b")).toEqual({ path: "/b", query: "", url: "/b" });
    expect(resolveTarget("http://example.com")).toEqual({ path: "/", query: "", url: "/" });
    expect(resolveTarget("http://example.com?q")).toEqual({ path: "/", query: "q", url: "/?q" });
    expect(resolveTarget("http://example.com/api/admin", "/api")).toEqual({ path: "/admin", query: "", url: "/admin" });
  });

  it("gives the asterisk-form at the root only, and nothing for a target that is no path", () => {
    expect(resolveTarget("*")?.path).toBe("*");
    expect(resolveTarget("*", "/api")).toBeUndefined();
    expect(resolveTarget("admin")).toBeUndefined();
    expect(resolveTarget("")).toBeUndefined();
  });

  it("cuts the prefix after resolving dot segments on the whole path", () => {
    expect(resolveTarget("/api", "/api")?.path).toBe("/");
    expect(resolveTarget("/api/", "/api")?.path).toBe("/");
    expect(resolveTarget("/api/x", "/api/")?.path).toBe("/x");
    expect(resolveTarget("/api/../api/x", "/api")?.path).toBe("/x");
    expect(resolveTarget("/api/../admin", "/api")).toBeUndefined();
    expect(resolveTarget("/apix", "/api")).toBeUndefined();
    expect(resolveTarget("/api/x?next=/../y", "/api")).toEqual({ path: "/x", query: "next=/../y", url: "/x?next=/../y" });
  });

  it("cuts a prefix the host matched as a pattern by its number of segments", () => {
    expect(resolveTarget("/t/acme/users/7", "/t/:tenant")?.path).toBe("/users/7");
    expect(resolveTarget("/t/acme", "/t/:tenant")?.path).toBe("/");
    expect(resolveTarget("/t", "/t/:tenant")).toBeUndefined();
  });
});
