import { routeDecorator } from "./route-decorator.js";

/**
 * Marks a MethodView method as the PUT handler, at the view's root or at a sub-path.
 * Usable bare (`@put`) or called (`@put()`, `@put("/:id")`).
 */
export const put = routeDecorator("put", ["PUT"]);
