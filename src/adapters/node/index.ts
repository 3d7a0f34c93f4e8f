export { toNodeListener } from "./listener.js";
export { listen } from "./listen.js";
export { answerClientError } from "./client-error.js";
export { NodeSource } from "./node-source.js";
export { writeNodeResponse } from "./write-response.js";
export type { NodeRaw } from "./node-source.js";
export type { NodeServerHandle } from "./listen.js";
