import { createServer } from "node:http";
import type * as NodeAdapter from "../../src/adapters/node/index.js";
import { announce, HOST, importOrSkip, PORT, portOf } from "./env.js";
import { methodviewApp } from "./methodview-app.js";

/** methodview/node: `toNodeListener(app)` on node:http. `ASYNC_CONTEXT=0` turns AsyncLocalStorage off. */
const { toNodeListener } = await importOrSkip<typeof NodeAdapter>("methodview/node");
const app = await methodviewApp({ asyncContext: process.env.ASYNC_CONTEXT !== "0" });
const server = createServer(toNodeListener(app));
server.listen(PORT, HOST, () => announce(portOf(server)));
