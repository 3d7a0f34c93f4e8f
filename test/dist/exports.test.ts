import { describe, expect, it } from "vitest";
import { runScript } from "./run-node.js";

const ENTRIES = ["methodview", "methodview/host", "methodview/node", "methodview/express", "methodview/fastify", "methodview/koa", "methodview/hono"];

const esm = (entry: string) => `const m = await import(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(m).sort()));`;
const cjs = (entry: string) => `const m = require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(m).sort()));`;

describe("the built package's exports", () => {
  for (const entry of ENTRIES) {
    it(`${entry}: ESM and CJS export the same names`, async () => {
      const slug = entry.replace(/\W/g, "-");
      const fromImport = JSON.parse(await runScript(`exports-${slug}.mjs`, esm(entry))) as string[];
      const fromRequire = JSON.parse(await runScript(`exports-${slug}.cjs`, cjs(entry))) as string[];
      expect(fromImport.length).toBeGreaterThan(0);
      expect(fromRequire).toEqual(fromImport);
    });
  }

  it("methodview exports the core and the App", async () => {
    const names = JSON.parse(await runScript("exports-core.mjs", esm("methodview"))) as string[];
    for (const name of ["App", "View", "MethodView", "Dispatcher", "get", "post", "del", "route", "HttpError", "currentContext", "CONTEXT"]) {
      expect(names).toContain(name);
    }
  });

  it("methodview keeps to what an application uses; methodview/host has what adapters need", async () => {
    const app = JSON.parse(await runScript("exports-app-face.mjs", esm("methodview"))) as string[];
    const host = JSON.parse(await runScript("exports-host-face.mjs", esm("methodview/host"))) as string[];
    for (const name of ["methodTablesOf", "METHOD_TABLE", "ROUTES_METADATA", "normalizeSubPath", "isThenable", "mergeHeaders", "toViewResponse", "AppContext", "defaultDispatcher"]) {
      expect(app).not.toContain(name);
      expect(host).toContain(name);
    }
    expect(app.filter((name) => host.includes(name))).toEqual([]);
  });

  it("one HttpError class is shared by the entry points (no duplicated core)", async () => {
    const out = await runScript(
      "shared-core.mjs",
      `import { App, BadRequest } from "methodview";
       import { toNodeListener } from "methodview/node";
       import { createServer } from "node:http";
       const app = new App({ bodyLimit: 4 });
       app.route("/", async (ctx) => ctx.json(), { methods: ["POST"] });
       const server = createServer(toNodeListener(app)).listen(0, "127.0.0.1");
       await new Promise((r) => server.once("listening", r));
       const res = await fetch("http://127.0.0.1:" + server.address().port + "/", { method: "POST", body: "[1,2,3,4,5]", headers: { "content-type": "application/json" } });
       console.log(res.status, typeof BadRequest);
       server.close();`,
    );
    expect(out).toBe("413 function");
  });
});
