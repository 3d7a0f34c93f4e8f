import type { StandardSchemaV1 } from "@standard-schema/spec";
import { isThenable } from "../core/thenable.js";

export type { StandardSchemaV1 };

/**
 * Whether `value` implements Standard Schema v1: a `~standard` object of version 1 with a
 * `validate` function. Schemas may be functions (arktype's are), hence both kinds.
 */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
  const standard = (value as { "~standard"?: { version?: unknown; validate?: unknown } })["~standard"];
  return typeof standard === "object" && standard !== null && standard.version === 1 && typeof standard.validate === "function";
}

/** Runs a schema; the result stays sync when the schema's `validate` is. */
export function runSchema<T>(
  schema: StandardSchemaV1,
  value: unknown,
  next: (result: StandardSchemaV1.Result<unknown>) => T,
): T | Promise<T> {
  const result = schema["~standard"].validate(value);
  return isThenable(result) ? Promise.resolve(result).then(next) : next(result);
}
