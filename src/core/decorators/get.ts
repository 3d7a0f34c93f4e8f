import { routeDecorator } from "./route-decorator.js";

/**
 * Marks a MethodView method as the GET handler, at the view's root or at a sub-path.
 *
 * @example
 * ```ts
 * import { MethodView, get } from "methodview";
 * class Users extends MethodView {
 *   @get list() { return []; }
 *   @get("/:id") show() { return { id: 1 }; }
 * }
 * ```
 */
export const get = routeDecorator("get", ["GET"]);
