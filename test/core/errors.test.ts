import { describe, expect, it } from "vitest";
import {
  BadRequest,
  ConfigurationError,
  Conflict,
  Forbidden,
  HttpError,
  InternalServerError,
  MethodNotAllowed,
  NoActiveContextError,
  NotFound,
  PayloadTooLarge,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
  UnprocessableEntity,
  UnsupportedMediaType,
} from "../../src/index.js";
import { statusTitle } from "../../src/host/index.js";

const HTTP_ERRORS: ReadonlyArray<readonly [string, (message?: string) => HttpError, number, string]> = [
  ["BadRequest", (m) => new BadRequest(m), 400, "MV_BAD_REQUEST"],
  ["Unauthorized", (m) => new Unauthorized(m), 401, "MV_UNAUTHORIZED"],
  ["Forbidden", (m) => new Forbidden(m), 403, "MV_FORBIDDEN"],
  ["NotFound", (m) => new NotFound(m), 404, "MV_NOT_FOUND"],
  ["MethodNotAllowed", (m) => new MethodNotAllowed(["GET"], m), 405, "MV_METHOD_NOT_ALLOWED"],
  ["Conflict", (m) => new Conflict(m), 409, "MV_CONFLICT"],
  ["PayloadTooLarge", (m) => new PayloadTooLarge(m), 413, "MV_PAYLOAD_TOO_LARGE"],
  ["UnsupportedMediaType", (m) => new UnsupportedMediaType(m), 415, "MV_UNSUPPORTED_MEDIA_TYPE"],
  ["UnprocessableEntity", (m) => new UnprocessableEntity(m), 422, "MV_UNPROCESSABLE_ENTITY"],
  ["TooManyRequests", (m) => new TooManyRequests(m), 429, "MV_TOO_MANY_REQUESTS"],
  ["InternalServerError", (m) => new InternalServerError(m), 500, "MV_INTERNAL_SERVER_ERROR"],
  ["ServiceUnavailable", (m) => new ServiceUnavailable(m), 503, "MV_SERVICE_UNAVAILABLE"],
];

describe("HttpError subclasses", () => {
  it.each(HTTP_ERRORS)("%s has status %i and code %s", (name, make, status, code) => {
    const error = make();
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error.message).toBe(statusTitle(status));
    expect(make("custom").message).toBe("custom");
  });

  it("have distinct codes", () => {
    const codes = HTTP_ERRORS.map(([, make]) => make().code);
    expect(new Set(codes).size).toBe(HTTP_ERRORS.length);
    expect(codes).not.toContain(new HttpError(400).code);
  });

  it("keep a cause and headers", () => {
    const cause = new Error("disk full");
    const error = new ServiceUnavailable("try later", { cause, headers: { "retry-after": "5" } });
    expect(error.cause).toBe(cause);
    expect(error.headers).toEqual({ "retry-after": "5" });
    expect(new NotFound().headers).toEqual({});
  });
});

describe("new HttpError()", () => {
  it("takes any 4xx or 5xx status", () => {
    const error = new HttpError(418, "No coffee here");
    expect(error.status).toBe(418);
    expect(error.code).toBe("MV_HTTP_ERROR");
    expect(error.name).toBe("HttpError");
  });

  it.each([200, 399, 600, 404.5, Number.NaN])("rejects the status %s with a TypeError", (status) => {
    expect(() => new HttpError(status)).toThrow(TypeError);
  });
});

describe("new MethodNotAllowed()", () => {
  it("carries the allowed methods and sends them as Allow, keeping other headers", () => {
    const error = new MethodNotAllowed(["GET", "POST"], undefined, { headers: { "x-extra": "1" } });
    expect(error.allow).toEqual(["GET", "POST"]);
    expect(error.headers).toEqual({ "x-extra": "1", allow: "GET, POST" });
  });
});

describe("ConfigurationError and NoActiveContextError", () => {
  it("are a TypeError and an Error with stable codes", () => {
    const configuration = new ConfigurationError("MV_NO_HANDLER", "UserAPI lists POST but has no handler for it");
    expect(configuration).toBeInstanceOf(TypeError);
    expect(configuration.name).toBe("ConfigurationError");
    expect(configuration.code).toBe("MV_NO_HANDLER");
    const noContext = new NoActiveContextError();
    expect(noContext).toBeInstanceOf(Error);
    expect(noContext.code).toBe("MV_NO_ACTIVE_CONTEXT");
    expect(noContext.message).toMatch(/outside a request/);
  });
});

describe("statusTitle()", () => {
  it("gives the standard reason phrase or a generic one", () => {
    expect(statusTitle(404)).toBe("Not Found");
    expect(statusTitle(422)).toBe("Unprocessable Content");
    expect(statusTitle(499)).toBe("Client Error");
    expect(statusTitle(599)).toBe("Server Error");
  });
});
