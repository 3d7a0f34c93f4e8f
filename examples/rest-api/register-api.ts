import { injectable } from "tsyringe";
import type { App } from "../../src/index.js";
import { GroupAPI } from "./group-api.js";
import { ItemAPI } from "./item-api.js";
import type { Model } from "./models.js";
import type { ResourceView } from "./resource-view.js";

/**
 * A subclass of `View` that serves `model`. It must be `@injectable()` itself: tsyringe builds
 * a class it was never told about with no arguments at all, while a decorated one gets the
 * constructor parameters it inherits (the Repository and the AuditLog).
 */
function serving(View: typeof ResourceView, model: Model): typeof ResourceView {
  @injectable()
  class ModelView extends View {
    protected override readonly model = model;
  }
  // Mount-time errors and stack traces name the class: "UsersItemAPI", not "ModelView".
  Object.defineProperty(ModelView, "name", { value: `${model.table[0]!.toUpperCase()}${model.table.slice(1)}${View.name}` });
  return ModelView;
}

/**
 * Flask's `register_api`: the item view at `/<name>/:id` (endpoint `<name>-item`) and the
 * group view at `/<name>/` (endpoint `<name>-group`), both serving `model`.
 *
 * @example
 * ```ts
 * registerApi(app, "users", users);
 * app.urlFor("users-item", { id: 1 }); // "/users/1"
 * ```
 */
export function registerApi(app: App, name: string, model: Model): void {
  app.addUrlRule(`/${name}/:id`, { viewFunc: serving(ItemAPI, model).asView(`${name}-item`) });
  app.addUrlRule(`/${name}/`, { viewFunc: serving(GroupAPI, model).asView(`${name}-group`) });
}
