import type { StandardSchemaV1 } from "@standard-schema/spec";

/** A path segment of a Standard Schema issue as a plain key. */
function keyOf(segment: PropertyKey | StandardSchemaV1.PathSegment): PropertyKey {
  return typeof segment === "object" && segment !== null ? segment.key : segment;
}

/** An issue's path as a JSON Pointer (RFC 6901): "/items/0/name"; "" for the whole value. */
export function toPointer(path: StandardSchemaV1.Issue["path"]): string {
  if (path === undefined) return "";
  let pointer = "";
  for (const segment of path) pointer += "/" + String(keyOf(segment)).replace(/~/g, "~0").replace(/\//g, "~1");
  return pointer;
}

function valueAt(input: unknown, path: StandardSchemaV1.Issue["path"]): unknown {
  let value = input;
  for (const segment of path ?? []) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[keyOf(segment)];
  }
  return value;
}

// Libraries that quote what was sent: valibot ("... but received \"abc\""), arktype ("(was 5)").
const RECEIVED = /,?\s*(?:but )?received\s+(?!(?:string|number|boolean|bigint|symbol|object|array|null|undefined|NaN|function|date)\b).*$/i;
const WAS = /\s*\(was [^)]*\)/gi;

/**
 * An issue's message without the value that was sent: the phrases in which schema libraries
 * quote it are cut, and any remaining copy of the value (quoted, or bare when long) is
 * replaced, so a header schema never sends a cookie or a token back in a 422.
 */
export function scrubMessage(message: string, input: unknown, path: StandardSchemaV1.Issue["path"]): string {
  let scrubbed = message.replace(WAS, "").replace(RECEIVED, "");
  const value = valueAt(input, path);
  // Quoted, any copy is the value; bare, only a long one (a token, a cookie), not a word.
  const copies = typeof value !== "string" || value === "" ? [] : value.length >= 8 ? [JSON.stringify(value), value] : [JSON.stringify(value)];
  for (const copy of copies) scrubbed = scrubbed.split(copy).join("…");
  return scrubbed.trim().replace(/:$/, "") || "Invalid value";
}

/** The issues of one failed validation, as `{ path, message }` pairs that echo no input. */
export function describeIssues(issues: readonly StandardSchemaV1.Issue[], input: unknown): { path: string; message: string }[] {
  return issues.map((issue) => ({ path: toPointer(issue.path), message: scrubMessage(issue.message, input, issue.path) }));
}
