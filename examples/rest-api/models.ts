/** One column a client may write: a string, with the rules `validate()` checks. */
export interface Field {
  /** Whether a create (POST) must give it; a PATCH may always leave it out. */
  readonly required: boolean;
  /** The longest value accepted, in characters. */
  readonly maxLength: number;
  /** A shape the value must have, described for the 422 message. */
  readonly pattern?: { readonly regex: RegExp; readonly description: string };
}

/**
 * What ItemAPI and GroupAPI need to know of a resource: its table and the columns a client
 * may write. The SQLAlchemy model of Flask's example, reduced to what the views use. `table`
 * and the field names go into SQL as identifiers, so they come from this file, never from a
 * request.
 */
export interface Model {
  readonly table: string;
  readonly fields: Readonly<Record<string, Field>>;
  /** Whether a new row is welcomed (a task writes it a message): users are. */
  readonly welcome?: boolean;
}

/** A row as the repository returns it. */
export type Row = { id: number } & Record<string, unknown>;

export const users: Model = {
  table: "users",
  welcome: true,
  fields: {
    name: { required: true, maxLength: 100 },
    email: { required: true, maxLength: 254, pattern: { regex: /^[^@\s]+@[^@\s]+$/, description: "an e-mail address" } },
  },
};

export const stories: Model = {
  table: "stories",
  fields: {
    title: { required: true, maxLength: 200 },
    body: { required: false, maxLength: 10_000 },
  },
};
