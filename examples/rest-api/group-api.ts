import { injectable } from "tsyringe";
import { get, json, post, type Valid } from "../../src/index.js";
import { TaskQueue } from "../../src/tasks/index.js";
import type { Model } from "./models.js";
import { sendWelcome } from "./welcome.js";
import { ResourceView } from "./resource-view.js";

/**
 * The collection of a resource, at `/<resource>/`: Flask's `GroupAPI`. List every row
 * (GET), create one (POST, 201 with its `Location`).
 */
export class GroupAPI extends ResourceView {
  async get() {
    return json(await this.repository.list(this.model));
  }

  async post(ctx: Valid<{ body: Model["create"] }>) {
    const row = await this.repository.create(this.model, ctx.valid.body);
    this.audit(ctx, "create", row.id);
    if (this.model.welcome) {
      await ctx.container.resolve(TaskQueue).enqueue(sendWelcome, { userId: row.id, name: String(row.name), email: String(row.email) });
    }
    return json(row, { status: 201, headers: { location: `${ctx.path}${row.id}` } });
  }

  /** GroupAPI serving `model`: its handlers declare the model's schemas. */
  static serving(model: Model): typeof GroupAPI {
    @injectable()
    class ModelGroupAPI extends GroupAPI {
      protected override readonly model = model;

      @get({ summary: `List ${model.table}` })
      override get() {
        return super.get();
      }

      @post({ body: model.create, summary: `Create one of ${model.table}`, responses: { 201: { schema: model.row, description: "Created" } } })
      override post(ctx: Valid<{ body: Model["create"] }>) {
        return super.post(ctx);
      }
    }
    return ModelGroupAPI;
  }
}
