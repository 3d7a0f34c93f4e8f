import type { PGlite } from "@electric-sql/pglite";
import type { Model, Row } from "./models.js";

/** Quotes an identifier. Table and column names come from the models, never from a request. */
function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The SQL behind both views, for any {@link Model}: one parameterised query per operation.
 * Registered once in the App's container; tsyringe hands it to every view it builds.
 */
export class Repository {
  constructor(private readonly db: PGlite) {}

  /** Every row, oldest first. */
  async list(model: Model): Promise<Row[]> {
    const { rows } = await this.db.query<Row>(`SELECT * FROM ${ident(model.table)} ORDER BY id`);
    return rows;
  }

  /** The row with this id, or `undefined`. */
  async find(model: Model, id: number): Promise<Row | undefined> {
    const { rows } = await this.db.query<Row>(`SELECT * FROM ${ident(model.table)} WHERE id = $1`, [id]);
    return rows[0];
  }

  /** Inserts a row and returns it as stored, with its id and defaults. */
  async create(model: Model, values: Record<string, string>): Promise<Row> {
    const columns = Object.keys(values);
    const placeholders = columns.map((_, i) => `$${i + 1}`);
    const { rows } = await this.db.query<Row>(
      `INSERT INTO ${ident(model.table)} (${columns.map(ident).join(", ")}) VALUES (${placeholders.join(", ")}) RETURNING *`,
      Object.values(values),
    );
    return rows[0]!;
  }

  /** Changes the given columns of a row and returns it, or `undefined` when there is no such row. */
  async update(model: Model, id: number, values: Record<string, string>): Promise<Row | undefined> {
    const columns = Object.keys(values);
    const assignments = columns.map((column, i) => `${ident(column)} = $${i + 2}`);
    const { rows } = await this.db.query<Row>(
      `UPDATE ${ident(model.table)} SET ${assignments.join(", ")} WHERE id = $1 RETURNING *`,
      [id, ...Object.values(values)],
    );
    return rows[0];
  }

  /** Deletes a row; `false` when there was none. */
  async delete(model: Model, id: number): Promise<boolean> {
    const { affectedRows } = await this.db.query(`DELETE FROM ${ident(model.table)} WHERE id = $1`, [id]);
    return affectedRows === 1;
  }
}
