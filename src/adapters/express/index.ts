export { toExpressRouter } from "./to-express-router.js";
export type { ExpressRaw } from "./to-express-router.js";
