import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { MaybePromise } from "../core/dispatcher.js";
import { INPUTS, type InputName, type ResponseDeclaration, type RouteOptions } from "../core/decorators/route-options.js";
import { ResponseValidationError, ValidationError, type ValidationIssue } from "../core/errors.js";
import type { ViewResponse } from "../core/response.js";
import { isThenable } from "../core/thenable.js";
import { describeIssues } from "./issues.js";
import { presentHeaders, presentQuery } from "./present.js";
import { isStandardSchema, runSchema } from "./standard-schema.js";

/** The schemas' outputs, as `ctx.valid` holds them. */
export type ValidRecord = { -readonly [K in InputName]?: unknown };

/** What the contract reads of a request context. */
export interface ContractContext {
  valid: ValidRecord;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  /** The body as its schema sees it: parsed JSON, or a form as a record. */
  input(): Promise<unknown>;
}

/** A declared response: the status, its schema (if any) and description. */
export interface ResponseContract {
  readonly status: number;
  readonly schema: StandardSchemaV1 | undefined;
  readonly description: string | undefined;
}

const JSON_BODY = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

function present(name: Exclude<InputName, "body">, ctx: ContractContext): unknown {
  if (name === "query") return presentQuery(ctx.query);
  if (name === "headers") return presentHeaders(ctx.headers);
  return ctx.params;
}

function toResponseContract(status: number, declared: ResponseDeclaration): ResponseContract {
  if (isStandardSchema(declared)) return { status, schema: declared, description: undefined };
  return { status, schema: declared.schema, description: declared.description };
}

/**
 * One route's contract, compiled once at mount time from its options: the inputs to check,
 * in order, and the declared responses. The App keeps it on the route's record
 * (`rule.contracts[method]`), where a document builder reads `options` and `responses`.
 */
export class RouteContract {
  /** The input schemas other than the body, in the order they are checked. */
  private readonly inputs: readonly [Exclude<InputName, "body">, StandardSchemaV1][];
  private readonly body: StandardSchemaV1 | undefined;
  /** Status to declared response. */
  readonly responses: ReadonlyMap<number, ResponseContract>;
  /** Whether a request needs checking at all. */
  readonly checksRequests: boolean;
  /** Whether a response needs checking at all (`validateResponses` on, a response schema declared). */
  readonly checksResponses: boolean;

  constructor(
    /** The options as declared (schemas, summary, description, tags, deprecated, operationId). */
    readonly options: RouteOptions,
    /** The route and handler, as errors and logs name them: `Users.create() (POST /users)`. */
    readonly route: string,
    validateResponses: boolean,
  ) {
    this.inputs = INPUTS.flatMap((name) => (name !== "body" && options[name] !== undefined ? [[name, options[name]] as const] : []));
    this.body = options.body;
    const responses = new Map<number, ResponseContract>();
    for (const [status, declared] of Object.entries(options.responses ?? {})) {
      responses.set(Number(status), toResponseContract(Number(status), declared));
    }
    this.responses = responses;
    this.checksRequests = this.inputs.length > 0 || this.body !== undefined;
    this.checksResponses = validateResponses && [...responses.values()].some((r) => r.schema !== undefined);
  }

  /**
   * Validates the inputs into `ctx.valid`, or throws a {@link ValidationError} with every
   * issue. Sync while every schema is and there is no body to read.
   */
  check(ctx: ContractContext): MaybePromise<void> {
    const valid: ValidRecord = {};
    ctx.valid = valid;
    if (this.inputs.length === 0 && this.body !== undefined) return this.checkBody(ctx.input(), valid);
    const issues: ValidationIssue[] = [];
    const collect = (name: InputName, value: unknown) => (result: StandardSchemaV1.Result<unknown>) => {
      if (result.issues === undefined) valid[name] = result.value;
      else for (const issue of describeIssues(result.issues, value)) issues.push({ in: name, ...issue });
    };
    let pending: Promise<void>[] | undefined;
    for (const [name, schema] of this.inputs) {
      const value = present(name, ctx);
      const done = runSchema(schema, value, collect(name, value));
      if (done !== undefined) (pending ??= []).push(done);
    }
    const body = this.body;
    if (body !== undefined) {
      const input = ctx.input();
      // The common case, a body and sync inputs: one promise, no Promise.all.
      if (pending === undefined) {
        return input.then((value) => {
          const done = runSchema(body, value, collect("body", value));
          return isThenable(done) ? done.then(() => finish(issues)) : finish(issues);
        });
      }
      pending.push(input.then((value) => runSchema(body, value, collect("body", value))));
    }
    if (pending === undefined) return finish(issues);
    return Promise.all(pending).then(() => finish(issues));
  }

  /** The common contract, a body schema alone: its issues, without the lists of the general case. */
  private checkBody(input: Promise<unknown>, valid: ValidRecord): Promise<void> {
    const schema = this.body!;
    return input.then((value) => {
      const result = schema["~standard"].validate(value);
      return isThenable(result) ? Promise.resolve(result).then((settled) => bodyChecked(settled, value, valid)) : bodyChecked(result, value, valid);
    });
  }

  /** Checks a JSON response against its status's schema; a mismatch is a {@link ResponseValidationError}. */
  checkResponse(response: ViewResponse): MaybePromise<ViewResponse> {
    const schema = this.responses.get(response.status)?.schema;
    const type = response.getHeader("content-type");
    if (schema === undefined || typeof response.body !== "string" || type === undefined || !JSON_BODY.test(type)) return response;
    const value: unknown = JSON.parse(response.body);
    return runSchema(schema, value, (result) => {
      if (result.issues === undefined) return response;
      throw new ResponseValidationError(this.route, response.status, describeIssues(result.issues, value));
    });
  }
}

function bodyChecked(result: StandardSchemaV1.Result<unknown>, value: unknown, valid: ValidRecord): void {
  if (result.issues === undefined) {
    valid.body = result.value;
    return;
  }
  const issues = describeIssues(result.issues, value);
  // As the general case: an empty list of issues fails nothing.
  if (issues.length > 0) throw new ValidationError(issues.map((issue) => ({ in: "body" as const, ...issue })));
}

function finish(issues: ValidationIssue[]): void {
  if (issues.length === 0) return;
  issues.sort((a, b) => INPUTS.indexOf(a.in) - INPUTS.indexOf(b.in));
  throw new ValidationError(issues);
}
