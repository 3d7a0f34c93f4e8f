import { json, type RequestContext } from "../../src/index.js";
import { TaskQueue } from "../../src/tasks/index.js";
import { sendWelcome } from "./welcome.js";
import { ResourceView } from "./resource-view.js";
import { validate } from "./validate.js";

/**
 * The collection of a resource, at `/<resource>/`: Flask's `GroupAPI`. List every row
 * (GET), create one (POST, 201 with its `Location`).
 */
export class GroupAPI extends ResourceView {
  async get() {
    return json(await this.repository.list(this.model));
  }

  async post(ctx: RequestContext) {
    const values = validate(this.model, await ctx.json(), { partial: false });
    const row = await this.repository.create(this.model, values);
    this.audit(ctx, "create", row.id);
    if (this.model.welcome) {
      await ctx.container.resolve(TaskQueue).enqueue(sendWelcome, { userId: row.id, name: String(row.name), email: String(row.email) });
    }
    return json(row, { status: 201, headers: { location: `${ctx.path}${row.id}` } });
  }
}
