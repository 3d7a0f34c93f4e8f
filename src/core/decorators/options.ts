import { routeDecorator } from "./route-decorator.js";

/**
 * Marks a MethodView method as the OPTIONS handler, at the view's root or at a sub-path.
 * Usable bare (`@options`) or called (`@options()`, `@options("/:id")`).
 */
export const options = routeDecorator("options", ["OPTIONS"]);
