import { type } from "arktype";
import * as v from "valibot";
import { z } from "zod";
import type { StandardSchemaV1 } from "../../src/index.js";

/** The same schemas written with one library. */
export interface Schemas {
  /** A JSON (or form) body: name non-empty, price ≥ 0, tags optional strings. */
  item: StandardSchemaV1;
  /** A query: page coerced to an integer ≥ 1, defaulting to 1; tag a string or an array of them. */
  paging: StandardSchemaV1;
  /** Params: id, digits only, as a number. */
  id: StandardSchemaV1;
  /** Headers: x-api-key starting with "key-". */
  apiKey: StandardSchemaV1;
  /** A response body: { id: number, name: string }. */
  saved: StandardSchemaV1;
  /** An async check: the name must not be "taken". */
  freeName: StandardSchemaV1;
}

const taken = async (name: string) => {
  await new Promise((resolve) => setTimeout(resolve, 1));
  return name !== "taken";
};

/** zod 4, valibot 1 and arktype 2, each with the same {@link Schemas}. */
export const libraries: readonly { name: string; schemas: Schemas }[] = [
  {
    name: "zod 4",
    schemas: {
      item: z.object({ name: z.string().min(1), price: z.coerce.number().min(0), tags: z.array(z.string()).optional() }),
      paging: z.object({ page: z.coerce.number().int().min(1).default(1), tag: z.union([z.string(), z.array(z.string())]).optional() }),
      id: z.object({ id: z.string().regex(/^\d+$/).transform(Number) }),
      apiKey: z.object({ "x-api-key": z.string().startsWith("key-") }),
      saved: z.object({ id: z.number(), name: z.string() }),
      freeName: z.object({ name: z.string().refine(taken, "That name is taken") }),
    },
  },
  {
    name: "valibot 1",
    schemas: {
      item: v.object({
        name: v.pipe(v.string(), v.minLength(1)),
        price: v.pipe(v.union([v.number(), v.pipe(v.string(), v.decimal(), v.transform(Number))]), v.minValue(0)),
        tags: v.optional(v.array(v.string())),
      }),
      paging: v.object({
        page: v.optional(v.pipe(v.string(), v.digits(), v.transform(Number), v.integer(), v.minValue(1)), "1"),
        tag: v.optional(v.union([v.string(), v.array(v.string())])),
      }),
      id: v.object({ id: v.pipe(v.string(), v.digits(), v.transform(Number)) }),
      apiKey: v.object({ "x-api-key": v.pipe(v.string(), v.startsWith("key-")) }),
      saved: v.object({ id: v.number(), name: v.string() }),
      freeName: v.objectAsync({ name: v.pipeAsync(v.string(), v.checkAsync(taken, "That name is taken")) }),
    },
  },
  {
    name: "arktype 2",
    schemas: {
      item: type({ name: "string > 0", price: type("number >= 0").or(type("string.numeric.parse").pipe(type("number >= 0"))), "tags?": "string[]" }),
      paging: type({ page: type("string.integer.parse").pipe(type("number >= 1")).default("1"), "tag?": "string | string[]" }),
      id: type({ id: "string.integer.parse" }),
      apiKey: type({ "x-api-key": /^key-/ }),
      saved: type({ id: "number", name: "string" }),
      // arktype validates synchronously; an async Standard Schema wraps it, as a hand-written one would.
      freeName: asyncSchema(type({ name: "string" }), async (value) => ((await taken((value as { name: string }).name)) ? undefined : [{ message: "That name is taken", path: ["name"] }])),
    },
  },
];

/** A Standard Schema whose `validate` is async: `inner`, then `check`. */
function asyncSchema(inner: StandardSchemaV1, check: (value: unknown) => Promise<StandardSchemaV1.Issue[] | undefined>): StandardSchemaV1 {
  return {
    "~standard": {
      version: 1,
      vendor: "test",
      async validate(value) {
        const result = await inner["~standard"].validate(value);
        if (result.issues !== undefined) return result;
        const issues = await check(result.value);
        return issues === undefined ? result : { issues };
      },
    },
  };
}
