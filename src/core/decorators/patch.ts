import { routeDecorator } from "./route-decorator.js";

/**
 * Marks a MethodView method as the PATCH handler, at the view's root or at a sub-path.
 * Usable bare (`@patch`) or called (`@patch()`, `@patch("/:id")`).
 */
export const patch = routeDecorator("patch", ["PATCH"]);
