import { UnprocessableEntity } from "../../src/index.js";
import type { Model } from "./models.js";

/**
 * Checks a JSON body against a model and returns the columns to write. A create needs every
 * required field; a PATCH (`partial`) needs at least one field. Every problem is listed in
 * one 422, so a client fixes them all at once.
 */
export function validate(model: Model, body: unknown, { partial }: { partial: boolean }): Record<string, string> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new UnprocessableEntity("The body must be a JSON object");
  }
  const input = body as Record<string, unknown>;
  const problems: string[] = [];
  const values: Record<string, string> = {};
  for (const name of Object.keys(input)) {
    if (!Object.hasOwn(model.fields, name)) problems.push(`${name}: unknown field`);
  }
  for (const [name, field] of Object.entries(model.fields)) {
    const value = input[name];
    if (value === undefined) {
      if (field.required && !partial) problems.push(`${name}: required`);
    } else if (typeof value !== "string") {
      problems.push(`${name}: must be a string`);
    } else if (field.required && value.trim() === "") {
      problems.push(`${name}: must not be empty`);
    } else if (value.length > field.maxLength) {
      problems.push(`${name}: at most ${field.maxLength} characters`);
    } else if (field.pattern !== undefined && !field.pattern.regex.test(value)) {
      problems.push(`${name}: must be ${field.pattern.description}`);
    } else {
      values[name] = value;
    }
  }
  if (problems.length === 0 && partial && Object.keys(values).length === 0) {
    problems.push(`nothing to update: give one of ${Object.keys(model.fields).join(", ")}`);
  }
  if (problems.length > 0) throw new UnprocessableEntity(`Invalid ${model.table}: ${problems.join("; ")}`);
  return values;
}
