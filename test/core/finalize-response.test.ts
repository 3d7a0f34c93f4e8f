import { describe, expect, it } from "vitest";
import { describeError, isShownError } from "../../src/core/describe-error.js";
import { finalizeResponse } from "../../src/core/finalize-response.js";
import { HttpError, ViewResponse, errorResponse } from "../../src/index.js";

function finalize(response: ViewResponse): { response: ViewResponse; faults: TypeError[] } {
  const faults: TypeError[] = [];
  return { response: finalizeResponse(response, (fault) => void faults.push(fault)), faults };
}

describe("finalizeResponse()", () => {
  it("returns a valid response as it is, reporting nothing", () => {
    const response = new ViewResponse(201, { "content-type": "text/plain", "set-cookie": ["a=1", "b=2"], "x-latin1": "é\tÿ" }, "ok");
    const out = finalize(response);
    expect(out.response).toBe(response);
    expect(out.faults).toEqual([]);
  });

  it.each([
    ["status 103", new ViewResponse(103, {}, "x"), /final status/],
    ["status NaN", new ViewResponse(Number.NaN, {}, "x"), /got NaN/],
    ['status "abc"', new ViewResponse("abc" as never, {}, "x"), /got string/],
    ["status 1000", new ViewResponse(1000, {}, "x"), /got 1000/],
    ["a CR/LF value", new ViewResponse(200, { "x-a": "a\r\nb" }, "x"), /header "x-a"/],
    ["a NUL in a list", new ViewResponse(200, { "set-cookie": ["ok", "a\0"] }, "x"), /header "set-cookie"/],
    ["a value above U+00FF", new ViewResponse(200, { "x-a": "€" }, "x"), /U\+00FF/],
    ["a name that is no token", new ViewResponse(200, { "bad name": "x" }, "x"), /not an HTTP token/],
    ["a number as a value", new ViewResponse(200, { "x-a": 5 as never }, "x"), /header "x-a"/],
    ["a body that is no body", new ViewResponse(200, {}, 5 as never), /body/],
  ])("answers %s with a 500 problem+json and reports why", (_name, response, reason) => {
    const out = finalize(response);
    expect(out.response.status).toBe(500);
    expect(out.response.getHeader("content-type")).toBe("application/problem+json");
    expect(JSON.parse(out.response.body as string)).toMatchObject({ code: "MV_INTERNAL_SERVER_ERROR" });
    expect(out.faults).toHaveLength(1);
    expect(out.faults[0]!.message).toMatch(reason);
  });

  it("checks every value, however many valid ones it has already seen", () => {
    for (let i = 0; i < 400; i++) expect(finalize(new ViewResponse(200, { "x-n": `v${i}` }, "x")).faults).toEqual([]);
    expect(finalize(new ViewResponse(200, { "x-n": "v1" }, "x")).faults).toEqual([]);
    for (const bad of ["v1\r\n", "v1\0", "€", `${"v".repeat(70)}\n`]) {
      expect(finalize(new ViewResponse(200, { "x-n": bad }, "x")).response.status).toBe(500);
      expect(finalize(new ViewResponse(200, { "x-n": bad }, "x")).response.status).toBe(500);
    }
  });

  it("drops framing headers a handler set, and the body of a 204 or 304", () => {
    const framed = finalize(new ViewResponse(200, { "content-length": "2", "Transfer-Encoding": "chunked", trailer: "x", "x-kept": "1" }, "hello")).response;
    expect(framed.headers).toEqual({ "x-kept": "1" });
    for (const status of [204, 205, 304]) {
      const out = finalize(new ViewResponse(status, {}, "abcd")).response;
      expect(out.status).toBe(status);
      expect(out.body).toBeNull();
    }
  });
});

describe("describeError() and errorResponse() of values that resist", () => {
  const getter = new Error("x");
  Object.defineProperty(getter, "message", {
    get() {
      throw new Error("boom");
    },
  });
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();

  it("never throw", () => {
    expect(describeError(getter)).toBe("a thrown value that cannot be described");
    expect(describeError(proxy)).toBe("a thrown value that cannot be described");
    expect(describeError(null)).toBe("throw of null");
    expect(errorResponse(proxy).status).toBe(500);
    expect(errorResponse(getter).status).toBe(500);
  });

  it("show an HttpError only while its status is an error status", () => {
    const error = new HttpError(404);
    expect(isShownError(error)).toBe(true);
    Object.defineProperty(error, "status", { value: 200 });
    expect(isShownError(error)).toBe(false);
    expect(errorResponse(error).status).toBe(500);
    expect(isShownError(proxy)).toBe(false);
  });
});
