import type { PGlite } from "@electric-sql/pglite";
import type { App } from "../../src/index.js";

/** One change to a resource, as the audit table keeps it. */
export interface AuditEntry {
  readonly action: "create" | "update" | "delete";
  readonly resource: string;
  readonly recordId: number;
  readonly requestId: string;
}

/**
 * Writes who-changed-what rows to the `audit_log` table. A write never delays the response:
 * {@link AuditLog.recordLater} hands it to `app.addBackgroundTask()`, which runs it after the
 * response is on its way and makes `app.close()` wait for it.
 */
export class AuditLog {
  constructor(
    private readonly db: PGlite,
    private readonly app: App,
  ) {}

  /** Schedules the write of `entry` for after the response. */
  recordLater(entry: AuditEntry): void {
    this.app.addBackgroundTask(this.write, entry);
  }

  /** Writes `entry` now. */
  readonly write = async (entry: AuditEntry): Promise<void> => {
    await this.db.query("INSERT INTO audit_log (action, resource, record_id, request_id) VALUES ($1, $2, $3, $4)", [
      entry.action,
      entry.resource,
      entry.recordId,
      entry.requestId,
    ]);
  };
}
