import { injectable } from "tsyringe";
import { del, get, json, patch, type RequestContext, type Valid } from "../../src/index.js";
import type { Model } from "./models.js";
import { ResourceView } from "./resource-view.js";

/**
 * One row of a resource, at `/<resource>/:id`: Flask's `ItemAPI`. Show it (GET), change
 * some of its fields (PATCH), delete it (DELETE). HEAD and OPTIONS come with the MethodView;
 * any other method is a 405 that lists these in `Allow`.
 */
export class ItemAPI extends ResourceView {
  async get(ctx: RequestContext) {
    return json(await this.findOr404(this.idOf(ctx)));
  }

  async patch(ctx: Valid<{ body: Model["update"] }>) {
    const id = this.idOf(ctx);
    const row = await this.repository.update(this.model, id, ctx.valid.body);
    if (row === undefined) throw this.notFound(id);
    this.audit(ctx, "update", id);
    return json(row);
  }

  async delete(ctx: RequestContext) {
    const id = this.idOf(ctx);
    if (!(await this.repository.delete(this.model, id))) throw this.notFound(id);
    this.audit(ctx, "delete", id);
    return null;
  }

  /** ItemAPI serving `model`: its handlers declare the model's schemas. */
  static serving(model: Model): typeof ItemAPI {
    @injectable()
    class ModelItemAPI extends ItemAPI {
      protected override readonly model = model;

      @get({ summary: `Show one of ${model.table}`, responses: { 200: model.row } })
      override get(ctx: RequestContext) {
        return super.get(ctx);
      }

      @patch({ body: model.update, summary: `Change one of ${model.table}`, responses: { 200: model.row } })
      override patch(ctx: Valid<{ body: Model["update"] }>) {
        return super.patch(ctx);
      }

      @del({ summary: `Delete one of ${model.table}`, responses: { 204: { description: "Deleted" } } })
      override delete(ctx: RequestContext) {
        return super.delete(ctx);
      }
    }
    return ModelItemAPI;
  }
}
