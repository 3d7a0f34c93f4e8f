import express from "express";
import { HOOK_HEADER, HOOK_USER } from "../scenarios.js";
import { parseBenchItem } from "./bench-schema.js";
import { announce, hello, HOOKS, HOST, PORT, portOf } from "./env.js";

/** Raw Express 5, as its guide writes an API: express.json() and one handler per route. */
const app = express();
app.use(express.json());
if (HOOKS) {
  // Express has no after-handler hook that may still set headers: both go in one middleware.
  app.use((_req, res, next) => {
    res.locals.user = HOOK_USER;
    res.setHeader(HOOK_HEADER, "1");
    next();
  });
}
app.get("/json", (_req, res) => {
  res.json(hello());
});
app.get("/users/:id", (req, res) => {
  res.json({ id: req.params.id });
});
app.post("/echo", (req, res) => {
  res.json(req.body);
});
app.post("/validated", (req, res) => {
  const { status, data } = parseBenchItem(req.body);
  res.status(status).json(data);
});
app.get("/async", async (_req, res) => {
  res.json(await Promise.resolve(hello()));
});
app.get("/hooks", (_req, res) => {
  res.json({ ...hello(), user: res.locals.user as string | undefined });
});

const server = app.listen(PORT, HOST, () => announce(portOf(server)));
