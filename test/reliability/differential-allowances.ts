import type { ConformanceTarget } from "../adapters/conformance.js";
import type { Field } from "./differential-answer.js";
import type { InputKind } from "./differential-kinds.js";

/**
 * One documented difference between hosts: which fields of the answer may differ from the
 * reference answer, on which targets, for which kind of input, and why. The suite has no other
 * exception: a difference no row covers fails it.
 */
export interface DifferentialAllowance {
  readonly name: string;
  readonly fields: readonly Field[];
  /** By name, or every target that leaves a path no rule matches to its host. */
  readonly targets: { readonly names: readonly string[] } | { readonly notFound: "host" };
  /** The kinds the input must all be of. */
  readonly kinds: readonly InputKind[];
  readonly why: string;
}

/** The allowance table. */
export const DIFFERENTIAL_ALLOWANCES: readonly DifferentialAllowance[] = [
  {
    name: "host-404",
    fields: ["content-type", "content-length", "body"],
    targets: { notFound: "host" },
    kinds: ["unmatched"],
    why: 'a path no rule of the App matches is left to the host (notFound: "host"), whose 404 has its own type and body',
  },
  {
    name: "host-404-reads-body",
    fields: ["status", "content-type", "content-length", "body"],
    targets: { names: ["methodview/express"] },
    kinds: ["unmatched", "cut-body"],
    why:
      "Express's final handler reads the body of a path no rule matches to its end before it answers (finalhandler waits for " +
      "the request to finish); a body cut short then ends in node's parser refusal, a bare 400, instead of its 404",
  },
  {
    name: "node-parser-refusal",
    fields: ["content-type", "content-length", "body"],
    targets: {
      names: [
        "app.fetch",
        "methodview/express",
        "methodview/fastify",
        "methodview/koa toKoaMiddleware(app)",
        "methodview/koa toKoaRouter(app, router) under /api",
        "methodview/koa toKoaMiddleware(app, { prefix }) in router.all()",
        "methodview/hono",
      ],
    },
    kinds: ["refused-by-node"],
    why:
      "node's HTTP parser refused the request (a lower-case method, two Content-Length values, both framings, a byte it does not " +
      "allow in a header) before any JS ran: the server's clientError listener answers, and only methodview/node and app.listen() " +
      "install answerClientError (problem+json); the others answer node's bare 400 (Fastify: its JSON 'Client Error')",
  },
  {
    name: "fastify-bad-url",
    fields: ["status", "content-type", "allow", "content-length", "body"],
    targets: { names: ["methodview/fastify"] },
    kinds: ["undecodable-path"],
    why:
      "Fastify's router refuses a path that does not percent-decode to UTF-8 before any route runs, whatever the App would " +
      "answer (its 404, or a 403 from a hook that never decodes): a 400 in its JSON FST_ERR_BAD_URL, not the App's problem+json " +
      "(a server created with frameworkErrors: methodviewFrameworkErrors(app) answers the App's 400 problem+json, still a 400)",
  },
  {
    name: "fastify-invalid-content-type",
    fields: ["status", "allow", "content-type", "content-length", "body"],
    targets: { names: ["methodview/fastify"] },
    kinds: ["invalid-content-type"],
    why:
      "Fastify answers 415 to a request with a body whose Content-Type is not a media type (empty, a tab, no subtype) before " +
      "any route runs (handle-request.js, FST_ERR_CTP_INVALID_MEDIA_TYPE; the plugin's error handler words it as problem+json), " +
      "where the App would read it with ctx.text() or answer 405",
  },
  {
    name: "fastify-query-content-type",
    fields: ["status", "content-type", "allow", "content-length", "body"],
    targets: { names: ["methodview/fastify"] },
    kinds: ["query-without-content-type"],
    why: "Fastify refuses a QUERY request without a Content-Type before any route runs (400 FST_ERR_ROUTE_MISSING_CONTENT_TYPE)",
  },
];

/** Whether `allowance` applies to `target`. */
export function appliesTo(allowance: DifferentialAllowance, target: ConformanceTarget): boolean {
  return "names" in allowance.targets ? allowance.targets.names.includes(target.name) : target.notFound === allowance.targets.notFound;
}

/** The first allowance that lets `field` differ on `target` for an input of `kinds`. */
export function allowanceFor(target: ConformanceTarget, field: Field, kinds: ReadonlySet<InputKind>): DifferentialAllowance | undefined {
  return DIFFERENTIAL_ALLOWANCES.find(
    (allowance) => allowance.fields.includes(field) && allowance.kinds.every((kind) => kinds.has(kind)) && appliesTo(allowance, target),
  );
}
