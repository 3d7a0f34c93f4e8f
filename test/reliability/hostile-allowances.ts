import type { JudgeContext, Problem } from "./hostile-judge.js";
import { wireHeader, type WireResponse } from "./hostile-raw-http.js";

/** Targets whose server answers node's parser refusals with problem+json (`answerClientError`). */
const ANSWERS_CLIENT_ERRORS = new Set(["methodview/node", "app.listen()"]);
/** Targets served by @hono/node-server, which builds a URL from the Host header and the request-target. */
const ON_HONO_NODE_SERVER = new Set(["app.fetch", "methodview/hono"]);
/** The statuses node's default `clientError` answer uses (400, 408, 413 chunk extensions, 431). */
const NODE_REFUSALS = new Set([400, 408, 413, 431]);

/**
 * Fastify's own errors, raised by its router or its 404 route before the methodview plugin's
 * routes run, in Fastify's JSON error format. Each with the reason it is not the App's answer.
 */
const FASTIFY_OWN_CODES: Readonly<Record<string, string>> = {
  FST_ERR_BAD_URL: "a malformed percent-encoding in the path, refused by Fastify's router before any route (Fastify's frameworkErrors option changes it)",
  FST_ERR_MAX_PARAM_LENGTH: "a path parameter longer than Fastify's maxParamLength (100 by default), refused by its router",
  FST_ERR_CTP_INVALID_JSON_BODY: "a body of a path no route matches, parsed by Fastify's 404 route before it answers",
  FST_ERR_CTP_EMPTY_JSON_BODY: "a body of a path no route matches, parsed by Fastify's 404 route before it answers",
  FST_ERR_CTP_BODY_TOO_LARGE: "a body of a path no route matches, read by Fastify's 404 route before it answers",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "a content type of a path no route matches, refused by Fastify's 404 route",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "a body of a path no route matches, read by Fastify's 404 route before it answers",
  FST_ERR_ROUTE_MISSING_CONTENT_TYPE: "a QUERY request without Content-Type, refused by Fastify before the route runs (RFC 10008: the server must fail it)",
};

/** Fastify's default clientError answer, at the end of what the server sent. */
const FASTIFY_CLIENT_ERROR_TAIL = /HTTP\/1\.1 400 Bad Request\r\nContent-Length: \d+\r\nContent-Type: application\/json\r\n\r\n\{"error":"Bad Request","message":"Client Error","statusCode":400\}$/;

function jsonBody(response: WireResponse): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(response.body.toString("utf8"));
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** node:http's bare refusal: a status, `Connection: close`, no body. */
function bare(response: WireResponse): boolean {
  return response.body.length === 0;
}

/** Fastify's `clientError` answer: its JSON error with the status it answers. */
function fastifyClientError(response: WireResponse): boolean {
  const body = jsonBody(response);
  return body?.statusCode === response.status && typeof body.message === "string" && /^application\/json/.test(wireHeader(response, "content-type") ?? "");
}

/** One documented exception to the rules: what it excuses, and why the answer is not methodview's. */
export interface Allowance {
  readonly name: string;
  readonly reason: string;
  excuses(problem: Problem, context: JudgeContext): boolean | Promise<boolean>;
}

/** Every allowance, in the order they are tried. Nothing else is excused: 5xx, hangs, cut or malformed answers never are. */
export const ALLOWANCES = [
  {
    name: "host-404",
    reason: "notFound: \"host\" targets leave a path no rule matches to the host, whose 404 has its own body",
    excuses: (problem, { target }) => problem.kind === "not-problem" && target.notFound === "host" && problem.response?.status === 404,
  },
  {
    name: "node-parser-refusal",
    reason:
      "node's HTTP parser refused the request, its framing or bytes after it (shown by the node oracle, or by construction for a " +
      "framing that lies) before any JS ran; app.listen() and methodview/node answer problem+json through answerClientError, the " +
      "other hosts' servers answer with node's bare 400/431 (Fastify: its JSON 'Client Error')",
    async excuses(problem, { target, req, nodeVerdict }) {
      if (ANSWERS_CLIENT_ERRORS.has(target.name)) return false;
      const response = problem.response;
      if (response === undefined || !NODE_REFUSALS.has(response.status)) return false;
      // Fastify's clientError answer has its JSON body even for a HEAD request.
      const fastify = target.name === "methodview/fastify";
      if (problem.kind !== "not-problem" && !(fastify && problem.kind === "head-body")) return false;
      return (fastify ? fastifyClientError(response) : bare(response)) && (req.lie || (await nodeVerdict()).clientError);
    },
  },
  {
    name: "node-before-js",
    reason:
      "node:http answers some requests itself before calling any listener, on every target: a bare 400 for HTTP/1.1 without Host " +
      "(requireHostHeader), a bare 417 for an Expect other than 100-continue, and a closed connection for CONNECT (no 'connect' listener)",
    async excuses(problem, { nodeVerdict }) {
      const verdict = await nodeVerdict();
      if (problem.kind === "no-answer") return verdict.first === "none";
      return problem.kind === "not-problem" && verdict.first === "node" && verdict.status === problem.response!.status && bare(problem.response!);
    },
  },
  {
    name: "lying-body-close",
    reason: "the request's framing lied (a wrong length, broken chunks): the server may close the connection instead of answering",
    excuses: (problem, { req, answer }) => req.lie && answer.end !== "timeout" && (problem.kind === "no-answer" || problem.kind === "cut"),
  },
  {
    name: "fastify-own-error",
    reason: `Fastify answers before the plugin's routes run, in its JSON error format: ${Object.entries(FASTIFY_OWN_CODES)
      .map(([code, why]) => `${code} (${why})`)
      .join("; ")}`,
    excuses(problem, { target, req }) {
      if (problem.kind !== "not-problem" || target.name !== "methodview/fastify") return false;
      const response = problem.response!;
      // The answer to a HEAD has no body to name the code: a Fastify JSON error is all it can be (the App's are problem+json).
      if (req.method === "HEAD") return response.body.length === 0 && /^application\/json/.test(wireHeader(response, "content-type") ?? "");
      const body = jsonBody(response);
      return body?.statusCode === response.status && typeof body.code === "string" && body.code in FASTIFY_OWN_CODES;
    },
  },
  {
    name: "fastify-client-error-mid-response",
    reason:
      "Fastify's default clientError handler writes its 400 even while a response is being sent (node's own default does not), " +
      "so bytes node refuses after a request land inside a streamed response; Fastify's clientErrorHandler option is the way out",
    excuses: (problem, { target, req, answer }) =>
      problem.kind === "malformed" && target.name === "methodview/fastify" && req.lie && FASTIFY_CLIENT_ERROR_TAIL.test(answer.bytes.toString("latin1")),
  },
  {
    name: "hono-node-server-url",
    reason:
      "@hono/node-server answers a bare 400 before calling fetch when the Host header or the request-target makes no valid URL " +
      "(a target that is not a path, a backslash, an invalid host)",
    async excuses(problem, { target, nodeVerdict, fetchRefused }) {
      if (problem.kind !== "not-problem" || !ON_HONO_NODE_SERVER.has(target.name)) return false;
      const response = problem.response!;
      return response.status === 400 && bare(response) && (await nodeVerdict()).first === "listener" && (await fetchRefused());
    },
  },
] as const satisfies readonly Allowance[];

/** The name of an allowance. */
export type AllowanceName = (typeof ALLOWANCES)[number]["name"];
