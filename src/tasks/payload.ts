/** The part of a Standard Schema v1 (`@standard-schema/spec`) a task payload is validated by. */
export interface PayloadSchema<Output = unknown> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    validate(value: unknown): PayloadResult<Output> | Promise<PayloadResult<Output>>;
  };
}

type PayloadResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> }> };

/** Whether `value` is a Standard Schema v1. */
export function isPayloadSchema(value: unknown): value is PayloadSchema {
  const standard = (value as { "~standard"?: { version?: unknown; validate?: unknown } } | null)?.["~standard"];
  return typeof standard === "object" && standard !== null && standard.version === 1 && typeof standard.validate === "function";
}

function describePath(path: readonly (string | number)[]): string {
  return path.length === 0 ? "the payload" : `payload.${path.join(".")}`;
}

function check(value: unknown, path: (string | number)[], seen: Set<object>, where: string): void {
  const fail = (what: string) => {
    throw new TypeError(`${where}: the payload must be JSON-serialisable; ${describePath(path)} is ${what}`);
  };
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) fail(String(value));
    return;
  }
  if (typeof value !== "object") fail(typeof value === "undefined" ? "undefined" : `a ${typeof value}`);
  const object = value as object;
  if (seen.has(object)) fail("a circular reference");
  seen.add(object);
  if (Array.isArray(object)) {
    object.forEach((item, i) => check(item, [...path, i], seen, where));
  } else {
    const proto = Object.getPrototypeOf(object) as unknown;
    if (proto !== Object.prototype && proto !== null) fail(`an instance of ${(object.constructor as { name?: string } | undefined)?.name ?? "a class"}`);
    for (const [key, item] of Object.entries(object)) {
      if (item !== undefined) check(item, [...path, key], seen, where);
    }
  }
  seen.delete(object);
}

/**
 * Checks that a payload survives JSON unchanged (plain objects, arrays, strings, finite
 * numbers, booleans, null) and returns its JSON copy, as a queue on Redis would store it.
 */
export function toJsonPayload(value: unknown, where: string): unknown {
  check(value, [], new Set(), where);
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function issuePath(path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined): string {
  if (path === undefined || path.length === 0) return "";
  return `/${path.map((p) => String(typeof p === "object" ? p.key : p)).join("/")}`;
}

/** Validates a payload by the task's schema; a failure is a TypeError listing every issue, never the values. */
export async function validatePayload<P>(schema: PayloadSchema<P>, payload: unknown, where: string): Promise<P> {
  const result = await schema["~standard"].validate(payload);
  if (result.issues !== undefined) {
    const list = result.issues.map((issue) => `${issuePath(issue.path) || "/"}: ${issue.message}`).join("; ");
    throw new TypeError(`${where}: the payload does not match the task's schema: ${list}`);
  }
  return result.value;
}
