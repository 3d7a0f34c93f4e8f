import { describe, expect, it } from "vitest";
import { runScript } from "./run-node.js";

// The page's assets come from swagger-ui-dist through a dynamic import, which tsup writes as a
// require() in the CJS build: both builds must find the package and serve the same bytes.
const program = (load: string) => `${load}
const app = new App();
app.route("/hello", () => ({ hello: "world" }), { summary: "Say hello" });
mountDocs(app, { info: { title: "Hello", version: "1.0.0" } });
const run = async () => {
  const page = await app.request("/docs");
  const bundle = await app.request("/docs/swagger-ui-bundle.js");
  const document = await (await app.request("/docs/openapi.json")).json();
  console.log(JSON.stringify([page.status, bundle.status, (await bundle.arrayBuffer()).byteLength > 100000, Object.keys(document.paths), openapi(app, { info: { title: "t", version: "1" } }).openapi]));
};
run();`;

describe("methodview/openapi, built", () => {
  it("serves the page and the document from ESM and from CJS alike", async () => {
    const esm = await runScript("openapi-esm.mjs", program(`import { App } from "methodview"; import { mountDocs, openapi } from "methodview/openapi";`));
    const cjs = await runScript("openapi-cjs.cjs", program(`const { App } = require("methodview"); const { mountDocs, openapi } = require("methodview/openapi");`));
    expect(JSON.parse(esm)).toEqual([200, 200, true, ["/hello"], "3.1.0"]);
    expect(cjs).toBe(esm);
  });
});
