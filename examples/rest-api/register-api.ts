import type { App } from "../../src/index.js";
import { GroupAPI } from "./group-api.js";
import { ItemAPI } from "./item-api.js";
import type { Model } from "./models.js";
import type { ResourceView } from "./resource-view.js";

/**
 * Names a view class for its resource: mount-time errors and stack traces then say
 * "UsersItemAPI", not "ModelItemAPI".
 */
function named<V extends typeof ResourceView>(View: V, model: Model, base: string): V {
  Object.defineProperty(View, "name", { value: `${model.table[0]!.toUpperCase()}${model.table.slice(1)}${base}` });
  return View;
}

/**
 * Flask's `register_api`: the item view at `/<name>/:id` (endpoint `<name>-item`) and the
 * group view at `/<name>/` (endpoint `<name>-group`), both serving `model`. Each is a
 * subclass made for the model (`ItemAPI.serving(model)`), `@injectable()` itself, whose
 * handlers declare the model's schemas: tsyringe builds a class it was never told about with
 * no arguments at all, while a decorated one gets the constructor parameters it inherits.
 *
 * @example
 * ```ts
 * registerApi(app, "users", users);
 * app.urlFor("users-item", { id: 1 }); // "/users/1"
 * ```
 */
export function registerApi(app: App, name: string, model: Model): void {
  app.addUrlRule(`/${name}/:id`, { viewFunc: named(ItemAPI.serving(model), model, "ItemAPI").asView(`${name}-item`) });
  app.addUrlRule(`/${name}/`, { viewFunc: named(GroupAPI.serving(model), model, "GroupAPI").asView(`${name}-group`) });
}
