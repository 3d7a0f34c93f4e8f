import { describe, expect, it } from "vitest";
import {
  BadRequest,
  HttpError,
  MethodNotAllowed,
  NotFound,
  TooManyRequests,
  Unauthorized,
  errorResponse,
  type ViewResponse,
} from "../../src/index.js";

const PROBLEM_JSON = "application/problem+json";

function problemOf(response: ViewResponse): Record<string, unknown> {
  expect(response.getHeader("content-type")).toBe(PROBLEM_JSON);
  return JSON.parse(response.body as string) as Record<string, unknown>;
}

describe("errorResponse()", () => {
  it("turns an HttpError into problem+json with type, title, status, detail and code", () => {
    const response = errorResponse(new NotFound("no user 7"));
    expect(response.status).toBe(404);
    expect(problemOf(response)).toEqual({
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "no user 7",
      code: "MV_NOT_FOUND",
    });
  });

  it("leaves detail out when the message is only the title", () => {
    expect(problemOf(errorResponse(new BadRequest()))).toEqual({
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      code: "MV_BAD_REQUEST",
    });
  });

  it("sends the error's headers, lower-cased", () => {
    const unauthorized = errorResponse(new Unauthorized(undefined, { headers: { "WWW-Authenticate": "Bearer" } }));
    expect(unauthorized.headers).toEqual({ "www-authenticate": "Bearer", "content-type": PROBLEM_JSON });
    const tooMany = errorResponse(new TooManyRequests("slow down", { headers: { "Retry-After": "30" } }));
    expect(tooMany.status).toBe(429);
    expect(tooMany.getHeader("retry-after")).toBe("30");
  });

  it("sends Allow for MethodNotAllowed", () => {
    const response = errorResponse(new MethodNotAllowed(["GET", "HEAD"]));
    expect(response.status).toBe(405);
    expect(response.getHeader("allow")).toBe("GET, HEAD");
    expect(problemOf(response).code).toBe("MV_METHOD_NOT_ALLOWED");
  });

  it("uses a generic title for a status without a standard one", () => {
    expect(problemOf(errorResponse(new HttpError(418, "teapot")))).toMatchObject({
      title: "Client Error",
      status: 418,
      detail: "teapot",
      code: "MV_HTTP_ERROR",
    });
  });

  it("turns an unknown error into a 500 that tells nothing of its message or stack", () => {
    const secret = new Error("password=hunter2 at db.connect");
    const response = errorResponse(secret);
    expect(response.status).toBe(500);
    expect(response.body).not.toContain("hunter2");
    expect(secret.stack).toContain("error-response.test");
    expect(response.body).not.toContain("error-response.test");
    expect(problemOf(response)).toEqual({
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      code: "MV_INTERNAL_SERVER_ERROR",
    });
  });

  it.each([["a thrown string"], [undefined], [{ status: 404, message: "looks like an HttpError" }]])(
    "turns %j into a 500",
    (thrown) => {
      const response = errorResponse(thrown);
      expect(response.status).toBe(500);
      expect(Object.keys(problemOf(response))).toEqual(["type", "title", "status", "code"]);
    },
  );
});
