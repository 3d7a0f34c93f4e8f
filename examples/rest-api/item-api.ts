import { json, type RequestContext } from "../../src/index.js";
import { ResourceView } from "./resource-view.js";
import { validate } from "./validate.js";

/**
 * One row of a resource, at `/<resource>/:id`: Flask's `ItemAPI`. Show it (GET), change
 * some of its fields (PATCH), delete it (DELETE). HEAD and OPTIONS come with the MethodView;
 * any other method is a 405 that lists these in `Allow`.
 */
export class ItemAPI extends ResourceView {
  async get(ctx: RequestContext) {
    return json(await this.findOr404(this.idOf(ctx)));
  }

  async patch(ctx: RequestContext) {
    const id = this.idOf(ctx);
    const changes = validate(this.model, await ctx.json(), { partial: true });
    const row = await this.repository.update(this.model, id, changes);
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
}
