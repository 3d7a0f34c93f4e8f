import { describe, expect, it } from "vitest";
import { ViewResponse, json } from "../../src/index.js";
import { toViewResponse } from "../../src/host/index.js";

const TEXT = "text/plain; charset=utf-8";
const OCTET_STREAM = "application/octet-stream";

describe("toViewResponse() and ViewResponse.from()", () => {
  it("are the same function", () => {
    const from = ViewResponse.from({ a: 1 });
    expect(from).toEqual(toViewResponse({ a: 1 }));
  });

  it("return a ViewResponse as it is", () => {
    const response = json({ a: 1 });
    expect(toViewResponse(response)).toBe(response);
  });

  it("make a string text/plain", () => {
    expect(toViewResponse("hello")).toEqual(new ViewResponse(200, { "content-type": TEXT }, "hello"));
  });

  it("make an object or array JSON", () => {
    expect(toViewResponse({ id: 1 })).toEqual(new ViewResponse(200, { "content-type": "application/json" }, '{"id":1}'));
    expect(toViewResponse([1, 2, 3]).body).toBe("[1,2,3]");
    expect(toViewResponse([]).body).toBe("[]");
  });

  it.each([null, undefined])("make %s a 204 without body or content type", (value) => {
    expect(toViewResponse(value)).toEqual(new ViewResponse(204, {}, null));
  });

  it("make bytes application/octet-stream", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const fromBytes = toViewResponse(bytes);
    expect(fromBytes.body).toBe(bytes);
    expect(fromBytes.getHeader("content-type")).toBe(OCTET_STREAM);

    const fromBuffer = toViewResponse(new Uint8Array([4, 5]).buffer);
    expect(fromBuffer.body).toBeInstanceOf(Uint8Array);
    expect([...(fromBuffer.body as Uint8Array)]).toEqual([4, 5]);
    expect(fromBuffer.getHeader("content-type")).toBe(OCTET_STREAM);
  });

  it("keep a ReadableStream and an async iterable as the body", () => {
    const stream = new ReadableStream<Uint8Array>();
    async function* chunks() {
      yield "a";
    }
    const iterable = chunks();
    expect(toViewResponse(stream).body).toBe(stream);
    expect(toViewResponse(iterable).body).toBe(iterable);
    expect(toViewResponse(iterable).getHeader("content-type")).toBe(OCTET_STREAM);
  });

  it("keep a WHATWG Response as the source, with its status, headers and body", () => {
    const web = new Response("created", { status: 201, headers: { "X-Id": "7" } });
    const response = toViewResponse(web);
    expect(response.source).toBe(web);
    expect(response.status).toBe(201);
    expect(response.getHeader("x-id")).toBe("7");
    expect(response.body).toBe(web.body);
  });

  it("read [body, status]", () => {
    const response = toViewResponse(["created", 201]);
    expect(response.status).toBe(201);
    expect(response.body).toBe("created");
    expect(response.getHeader("content-type")).toBe(TEXT);
  });

  it("read [body, status, headers]", () => {
    const response = toViewResponse([{ id: 1 }, 201, { Location: "/items/1" }]);
    expect(response.status).toBe(201);
    expect(response.body).toBe('{"id":1}');
    expect(response.headers).toEqual({ "content-type": "application/json", location: "/items/1" });
  });

  it("read [body, Headers], keeping each Set-Cookie", () => {
    const headers = new Headers({ "X-Trace": "abc" });
    headers.append("Set-Cookie", "a=1");
    headers.append("Set-Cookie", "b=2");
    const response = toViewResponse(["hi", headers]);
    expect(response.status).toBe(200);
    expect(response.body).toBe("hi");
    expect(response.headers["x-trace"]).toBe("abc");
    expect(response.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
  });

  it("read a two-element array of plain objects as JSON data, not a tuple", () => {
    const response = toViewResponse([{ id: 1 }, { id: 2 }]);
    expect(response.status).toBe(200);
    expect(response.body).toBe('[{"id":1},{"id":2}]');
  });

  it("read arrays that only look like tuples as JSON data", () => {
    expect(toViewResponse([1, 200]).body).toBe("[1,200]");
    expect(toViewResponse(["a", 42]).body).toBe('["a",42]');
    expect(toViewResponse(["a", 201, "not headers"]).body).toBe('["a",201,"not headers"]');
  });

  it("apply a tuple's status and headers to a WHATWG Response, dropping the stale source", () => {
    const withStatus = toViewResponse([new Response("x"), 202, { "x-a": "1" }]);
    expect(withStatus.status).toBe(202);
    expect(withStatus.getHeader("x-a")).toBe("1");
    expect(withStatus.source).toBeUndefined();
    const withHeaders = toViewResponse([new Response("x"), new Headers({ "x-b": "2" })]);
    expect(withHeaders.getHeader("x-b")).toBe("2");
    expect(withHeaders.source).toBeUndefined();
  });

  it.each([42, true, Symbol("s"), 10n, () => "fn"])("reject %s with a TypeError", (value) => {
    expect(() => toViewResponse(value)).toThrow(TypeError);
  });
});

describe("ViewResponse", () => {
  it("sets headers in lower case, reads repeated ones joined, and forgets its source", () => {
    const response = toViewResponse(new Response("x"));
    response.setHeader("X-Multi", ["a", "b"]);
    expect(response.headers["x-multi"]).toEqual(["a", "b"]);
    expect(response.getHeader("X-MULTI")).toBe("a, b");
    expect(response.getHeader("missing")).toBeUndefined();
    expect(response.source).toBeUndefined();
  });
});
