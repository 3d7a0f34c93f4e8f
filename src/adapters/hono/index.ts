export { toHono } from "./to-hono.js";
export { HonoSource } from "./hono-source.js";
export { writeHonoResponse } from "./write-response.js";
