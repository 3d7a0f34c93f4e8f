import { describe, expect, it } from "vitest";
import { runScript } from "./run-node.js";

// The same request cases (test/dist/fixtures/app-cases.cjs: statuses, problem+json codes,
// headers) against the ESM and the CommonJS build of every entry point.
const ENTRIES = ["methodview", "methodview/node", "methodview/express", "methodview/fastify", "methodview/koa", "methodview/hono"];
const FIXTURES = "../dist/fixtures";

interface Report {
  cases: number;
  failures: string[];
}

function esm(entry: string): string {
  return `import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { buildApp } = require("${FIXTURES}/app-cases.cjs");
const { serveAndRun } = require("${FIXTURES}/hosts.cjs");
const mv = await import("methodview");
await serveAndRun(${JSON.stringify(entry)}, await import(${JSON.stringify(entry)}), buildApp(mv, mv), (id) => import(id));`;
}

function cjs(entry: string): string {
  return `const { buildApp } = require("${FIXTURES}/app-cases.cjs");
const { serveAndRun } = require("${FIXTURES}/hosts.cjs");
const mv = require("methodview");
serveAndRun(${JSON.stringify(entry)}, require(${JSON.stringify(entry)}), buildApp(mv, mv)).catch((error) => { console.error(error); process.exit(1); });`;
}

describe("the built package answers requests the same way from ESM and CommonJS", () => {
  for (const entry of ENTRIES) {
    const slug = entry.replace(/\W/g, "-");
    for (const [format, script] of [["ESM", esm(entry)], ["CJS", cjs(entry)]] as const) {
      it(`${entry} (${format}): statuses, problem+json codes and headers`, async () => {
        const report = JSON.parse(await runScript(`cases-${slug}.${format === "ESM" ? "mjs" : "cjs"}`, script)) as Report;
        expect(report.cases).toBeGreaterThan(15);
        expect(report.failures).toEqual([]);
      });
    }
  }
});

describe("an App that mixes the ESM and the CommonJS build (the dual-package hazard)", () => {
  it("an ESM App serves errors, responses, views and currentContext() from require(\"methodview\")", async () => {
    const report = JSON.parse(
      await runScript(
        "mixed-esm-app.mjs",
        `import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { buildApp } = require("${FIXTURES}/app-cases.cjs");
const { serveAndRun } = require("${FIXTURES}/hosts.cjs");
const mv = await import("methodview");
await serveAndRun("methodview/node", require("methodview/node"), buildApp(mv, require("methodview")));`,
      ),
    ) as Report;
    expect(report.failures).toEqual([]);
  });

  it("a CommonJS App serves errors, responses, views and currentContext() from import(\"methodview\")", async () => {
    const report = JSON.parse(
      await runScript(
        "mixed-cjs-app.cjs",
        `const { buildApp } = require("${FIXTURES}/app-cases.cjs");
const { serveAndRun } = require("${FIXTURES}/hosts.cjs");
(async () => {
  const app = buildApp(require("methodview"), await import("methodview"));
  await serveAndRun("methodview/express", await import("methodview/express"), app);
})().catch((error) => { console.error(error); process.exit(1); });`,
      ),
    ) as Report;
    expect(report.failures).toEqual([]);
  });

  it("instanceof holds across the builds, and user subclasses keep their own identity", async () => {
    const out = await runScript(
      "mixed-instanceof.mjs",
      `import { createRequire } from "node:module";
const esm = await import("methodview");
const cjs = createRequire(import.meta.url)("methodview");
class Mine extends cjs.NotFound {}
console.log(JSON.stringify([
  new cjs.NotFound() instanceof esm.NotFound,
  new cjs.NotFound() instanceof esm.HttpError,
  new esm.Unauthorized() instanceof cjs.HttpError,
  new esm.Unauthorized() instanceof cjs.NotFound,
  new Mine() instanceof esm.NotFound,
  new cjs.NotFound() instanceof Mine,
  cjs.json(1) instanceof esm.ViewResponse,
  new cjs.App() instanceof esm.App,
  new cjs.NotFound().code,
]));`,
    );
    expect(JSON.parse(out)).toEqual([true, true, true, false, true, false, true, true, "MV_NOT_FOUND"]);
  });
});
