import { PGlite } from "@electric-sql/pglite";

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS users (
    id         serial PRIMARY KEY,
    name       text NOT NULL,
    email      text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS stories (
    id         serial PRIMARY KEY,
    title      text NOT NULL,
    body       text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS audit_log (
    id         serial PRIMARY KEY,
    action     text NOT NULL,
    resource   text NOT NULL,
    record_id  integer NOT NULL,
    request_id text NOT NULL,
    at         timestamptz NOT NULL DEFAULT now()
  );
`;

/**
 * Opens the embedded PostgreSQL: in memory when `dataDir` is undefined, else kept in that
 * directory (created if missing) so the data outlives the process. Creates the tables.
 */
export async function openDatabase(dataDir?: string): Promise<PGlite> {
  const db = await PGlite.create(dataDir);
  await db.exec(SCHEMA);
  return db;
}
