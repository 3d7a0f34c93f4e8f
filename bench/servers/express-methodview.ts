import express from "express";
import type * as ExpressAdapter from "../../src/adapters/express/index.js";
import { announce, HOST, importOrSkip, PORT, portOf } from "./env.js";
import { methodviewApp } from "./methodview-app.js";

/**
 * methodview/express: the App's router mounted on Express 5 as the adapter's docs mount it,
 * with no express.json() in front (the App reads its own bodies). `EXPRESS_JSON=1` puts
 * express.json() in front anyway, to measure the App reusing a host parser's `req.body`.
 */
const { toExpressRouter } = await importOrSkip<typeof ExpressAdapter>("methodview/express");
const app = await methodviewApp();
const host = express();
if (process.env.EXPRESS_JSON === "1") host.use(express.json());
const server = host.use(toExpressRouter(app)).listen(PORT, HOST, () => announce(portOf(server)));
