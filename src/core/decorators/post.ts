import { routeDecorator } from "./route-decorator.js";

/**
 * Marks a MethodView method as the POST handler, at the view's root or at a sub-path.
 * Usable bare (`@post`) or called (`@post()`, `@post("/:id")`).
 */
export const post = routeDecorator("post", ["POST"]);
