import { injectable } from "tsyringe";
import { MethodView, NotFound, type RequestContext } from "../../src/index.js";
import { AuditLog, type AuditEntry } from "./audit-log.js";
import type { Model, Row } from "./models.js";
import { Repository } from "./repository.js";
import { requestIdOf } from "./request-id.js";

const SERIAL = /^[1-9][0-9]{0,9}$/;
const MAX_SERIAL = 2_147_483_647;

/**
 * What {@link ItemAPI} and {@link GroupAPI} share: the services tsyringe injects into the
 * constructor, the model they serve, and the lookups both need.
 *
 * The model is not a constructor parameter: tsyringe fills every parameter from the
 * container, and the container holds one Repository, not one model per route. Instead
 * `registerApi()` mounts a subclass per resource (`ItemAPI.serving(model)`) that sets {@link model}.
 */
@injectable()
export class ResourceView extends MethodView {
  /** The resource served; set by the per-resource subclass `registerApi()` makes. */
  declare protected readonly model: Model;

  constructor(
    protected readonly repository: Repository,
    private readonly auditLog: AuditLog,
  ) {
    super();
  }

  /** The `:id` of the URL as a row id; anything but a PostgreSQL `serial` names no row. */
  protected idOf(ctx: RequestContext): number {
    const raw = ctx.params.id ?? "";
    const id = Number(raw);
    if (!SERIAL.test(raw) || id > MAX_SERIAL) throw this.notFound(raw);
    return id;
  }

  /** The row with this id, or a 404. */
  protected async findOr404(id: number): Promise<Row> {
    const row = await this.repository.find(this.model, id);
    if (row === undefined) throw this.notFound(id);
    return row;
  }

  protected notFound(id: unknown): NotFound {
    return new NotFound(`No row of ${this.model.table} has the id ${JSON.stringify(String(id))}`);
  }

  /** Writes the audit row after the response, tagged with the request's id. */
  protected audit(ctx: RequestContext, action: AuditEntry["action"], recordId: number): void {
    this.auditLog.recordLater({ action, resource: this.model.table, recordId, requestId: requestIdOf(ctx) });
  }
}
