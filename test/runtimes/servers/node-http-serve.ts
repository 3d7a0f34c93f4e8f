import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { answerClientError, toNodeListener } from "../../../src/adapters/node/index.js";
import { conformanceApp } from "../../adapters/conformance-app.js";
import { announce } from "./announce.js";

// methodview/node on the runtime's own node:http (Bun's and Deno's compatibility layers).
const { app } = conformanceApp();
const server = createServer(toNodeListener(app)).on("clientError", answerClientError);
server.listen(0, "127.0.0.1", () => announce((server.address() as AddressInfo).port));
