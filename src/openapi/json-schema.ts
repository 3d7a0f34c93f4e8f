import type { StandardSchemaV1 } from "@standard-schema/spec";

/** A JSON Schema (draft 2020-12, OpenAPI 3.1's dialect), as a plain object. */
export type JsonSchema = { [key: string]: unknown };

/** Which side of a schema: what it accepts (requests) or what it gives (responses). */
export type Direction = "input" | "output";

/** A schema converted: its root, and the definitions (`$defs`) the root refers to. */
export interface Converted {
  readonly root: JsonSchema;
  readonly defs: Readonly<Record<string, JsonSchema>>;
}

type Converter = (options: { readonly target: string }) => Record<string, unknown>;

const HINT = "zod 4.2+, arktype 2.1.28+, or valibot through toStandardJsonSchema() of @valibot/to-json-schema";

function converterOf(schema: StandardSchemaV1, direction: Direction): Converter | undefined {
  const standard = schema["~standard"] as { jsonSchema?: Partial<Record<Direction, unknown>> };
  const converter = standard.jsonSchema?.[direction];
  return typeof converter === "function" ? (converter as Converter) : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Converts a Standard Schema through Standard JSON Schema (`~standard.jsonSchema.input()` /
 * `.output()`, target draft-2020-12). Returns the reason when it cannot: the library has no
 * converter, or the converter refused the schema (a `Date`, a transform...).
 */
export function convertSchema(schema: StandardSchemaV1, direction: Direction): Converted | string {
  const vendor = schema["~standard"].vendor;
  const convert = converterOf(schema, direction);
  if (convert === undefined) return `${vendor} schema has no Standard JSON Schema converter (~standard.jsonSchema); use ${HINT}`;
  let raw: unknown;
  try {
    raw = convert({ target: "draft-2020-12" });
  } catch (error) {
    return `${vendor} could not convert it: ${describe(error)}`;
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return `${vendor} converted it to ${raw === null ? "null" : typeof raw}, not a JSON Schema object`;
  // A copy, so that nothing the document holds is the library's own (cached) object.
  const { $schema: _dialect, $defs, definitions, ...root } = structuredClone(raw) as JsonSchema;
  const defs = { ...(definitions as Record<string, JsonSchema> | undefined), ...($defs as Record<string, JsonSchema> | undefined) };
  return { root, defs };
}
