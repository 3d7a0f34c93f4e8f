import express from "express";
import type * as ExpressAdapter from "../../src/adapters/express/index.js";
import { announce, HOST, importOrSkip, PORT, portOf } from "./env.js";
import { methodviewApp } from "./methodview-app.js";

/** methodview/express: the App's router mounted on Express 5, as the adapter's docs mount it. */
const { toExpressRouter } = await importOrSkip<typeof ExpressAdapter>("methodview/express");
const app = await methodviewApp();
const server = express()
  .use(express.json())
  .use(toExpressRouter(app))
  .listen(PORT, HOST, () => announce(portOf(server)));
