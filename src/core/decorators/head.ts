import { routeDecorator } from "./route-decorator.js";

/**
 * Marks a MethodView method as the HEAD handler, at the view's root or at a sub-path.
 * Usable bare (`@head`) or called (`@head()`, `@head("/:id")`).
 */
export const head = routeDecorator("head", ["HEAD"]);
