import { describe, expect, it } from "vitest";
import { ViewResponse, json, redirect, text } from "../../src/index.js";
import { mergeHeaders } from "../../src/host/index.js";

describe("json()", () => {
  it("serialises data as application/json with status 200", () => {
    const response = json({ id: 1, tags: ["a"] });
    expect(response).toBeInstanceOf(ViewResponse);
    expect(response.status).toBe(200);
    expect(response.getHeader("content-type")).toBe("application/json");
    expect(response.body).toBe('{"id":1,"tags":["a"]}');
  });

  it("applies a status and headers", () => {
    const response = json({ id: 1 }, { status: 201, headers: { Location: "/items/1" } });
    expect(response.status).toBe(201);
    expect(response.headers).toEqual({ "content-type": "application/json", location: "/items/1" });
  });

  it("rejects what JSON cannot serialise, and a status out of range", () => {
    expect(() => json(undefined)).toThrow(/json\(\): undefined cannot be serialised/);
    expect(() => json(() => 1)).toThrow(TypeError);
    expect(() => json({}, { status: 99 })).toThrow(/from 200 to 599/);
    // An interim status would send only the interim response: a client on keep-alive would wait forever.
    expect(() => json({}, { status: 103 })).toThrow(/final status/);
    expect(() => text("", { status: 100 })).toThrow(/final status/);
    expect(() => json({}, { status: 200.5 })).toThrow(TypeError);
  });
});

describe("text()", () => {
  it("makes a text/plain; charset=utf-8 response", () => {
    const response = text("hello", { status: 202 });
    expect(response.status).toBe(202);
    expect(response.getHeader("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.body).toBe("hello");
  });

  it("lets headers replace the content type", () => {
    expect(text("<p>", { headers: { "Content-Type": "text/html" } }).getHeader("content-type")).toBe("text/html");
  });
});

describe("redirect()", () => {
  it("redirects with 302 by default, setting Location", () => {
    const response = redirect("/login");
    expect(response.status).toBe(302);
    expect(response.getHeader("location")).toBe("/login");
    expect(response.body).toBeNull();
  });

  it("takes another 3xx status and rejects anything else", () => {
    expect(redirect("/moved", 301).status).toBe(301);
    expect(redirect("/other", 303).status).toBe(303);
    expect(() => redirect("/x", 200)).toThrow(/3xx/);
    expect(() => redirect("/x", 400)).toThrow(TypeError);
  });
});

describe("mergeHeaders()", () => {
  it("lower-cases names from a record, keeping arrays", () => {
    expect(mergeHeaders({}, { "X-One": "1", Vary: ["Accept", "Origin"] })).toEqual({ "x-one": "1", vary: ["Accept", "Origin"] });
  });

  it("accumulates Set-Cookie from a list of pairs", () => {
    const merged = mergeHeaders({}, [
      ["Set-Cookie", "a=1"],
      ["Set-Cookie", "b=2"],
      ["X-Last", "1"],
    ]);
    expect(merged).toEqual({ "set-cookie": ["a=1", "b=2"], "x-last": "1" });
  });

  it("rejects a value that is not a string or a list of strings", () => {
    expect(() => mergeHeaders({}, { "X-Count": 1 as unknown as string })).toThrow(/"X-Count" must be a string/);
  });

  it("leaves the target as it is without headers", () => {
    const target = { a: "1" };
    expect(mergeHeaders(target, undefined)).toBe(target);
    expect(target).toEqual({ a: "1" });
  });
});
