import { z } from "zod";
import type { StandardSchemaV1 } from "../../src/index.js";

/** A string a client must give: not blank, at most `max` characters. */
const required = (max: number) => z.string().max(max, `at most ${max} characters`).refine((value) => value.trim() !== "", "must not be empty");

/** The columns a client may write, to a schema of a PATCH: the same fields, at least one of them. */
function partialOf<S extends z.ZodObject>(create: S) {
  const names = Object.keys(create.shape).join(", ");
  return create.partial().refine((values) => Object.keys(values).length > 0, `nothing to update: give one of ${names}`);
}

/**
 * What ItemAPI and GroupAPI need to know of a resource: its table and the schemas of what a
 * client sends and gets back. The SQLAlchemy model of Flask's example, reduced to what the
 * views use. `table` goes into SQL as an identifier, and so do the keys of a validated
 * body: the schemas are strict, so those keys are the model's columns, never a client's.
 */
export interface Model {
  readonly table: string;
  /** A POST body: every required column. */
  readonly create: StandardSchemaV1<unknown, Record<string, string>>;
  /** A PATCH body: some of the columns, at least one. */
  readonly update: StandardSchemaV1<unknown, Record<string, string>>;
  /** A row as the API sends it. */
  readonly row: StandardSchemaV1;
  /** Whether a new row is welcomed (a task writes it a message): users are. */
  readonly welcome?: boolean;
}

/** A row as the repository returns it. */
export type Row = { id: number } & Record<string, unknown>;

const createdAt = { id: z.number().int(), created_at: z.union([z.string(), z.date()]) };

const newUser = z.strictObject({
  name: required(100),
  email: z.string().max(254, "at most 254 characters").regex(/^[^@\s]+@[^@\s]+$/, "must be an e-mail address"),
});

export const users: Model = {
  table: "users",
  welcome: true,
  create: newUser,
  update: partialOf(newUser),
  row: z.object({ ...createdAt, name: z.string(), email: z.string() }),
};

const newStory = z.strictObject({ title: required(200), body: z.string().max(10_000, "at most 10000 characters").optional() });

export const stories: Model = {
  table: "stories",
  create: newStory,
  update: partialOf(newStory),
  row: z.object({ ...createdAt, title: z.string(), body: z.string() }),
};
