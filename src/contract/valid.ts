import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { RequestContext } from "../core/context.js";
import type { InputName, InputSchemas } from "../core/decorators/route-options.js";

/** The outputs of a route's input schemas, by input: what `ctx.valid` holds. */
export type ValidInputs<S extends InputSchemas> = {
  readonly [K in keyof S & InputName as S[K] extends StandardSchemaV1 ? K : never]: S[K] extends StandardSchemaV1
    ? StandardSchemaV1.InferOutput<S[K]>
    : never;
};

/**
 * A request context whose `valid` holds the outputs of the given schemas, typed from them:
 * no interface written by hand.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { MethodView, get, type Valid } from "methodview";
 *
 * const Paging = z.object({ page: z.coerce.number().int().min(1).default(1) });
 * class Items extends MethodView {
 *   @get({ query: Paging })
 *   list(ctx: Valid<{ query: typeof Paging }>) {
 *     return { page: ctx.valid.query.page + 0 };
 *   }
 * }
 * ```
 * @see docs/validation.md
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Valid<S extends InputSchemas, Raw = any> = RequestContext<Raw> & { readonly valid: ValidInputs<S> };
