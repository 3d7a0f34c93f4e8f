import { routeDecorator } from "./route-decorator.js";

/**
 * Marks a MethodView method as the DELETE handler, at the view's root or at a sub-path.
 * Usable bare (`@del`) or called (`@del()`, `@del("/:id")`).
 */
export const del = routeDecorator("del", ["DELETE"]);
