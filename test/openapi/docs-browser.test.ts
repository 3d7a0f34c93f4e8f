import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListeningServer } from "../../src/index.js";
import type { OpenApiDocument } from "../../src/openapi/index.js";
import { createApp, type RestApi } from "../../examples/rest-api/app.js";

// Debian's chromium, which `npm test` ensures (.ci/ensure-tools); one launch for the whole file.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ARTIFACTS = fileURLToPath(new URL("../.tmp/", import.meta.url));

let api: RestApi;
let server: ListeningServer;
let context: BrowserContext;
let page: Page;
let profile: string;
const consoleErrors: string[] = [];
const offOrigin: string[] = [];
let document: OpenApiDocument;

beforeAll(async () => {
  api = await createApp();
  server = await api.app.listen({ port: 0, host: "127.0.0.1" });
  const origin = new URL(server.url).origin;
  profile = mkdtempSync(join(tmpdir(), "methodview-chromium-"));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
  // Anything bound elsewhere is noted and never sent: the page must work offline.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith("data:")) return route.continue();
    offOrigin.push(url);
    return route.abort();
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  document = (await (await fetch(`${server.url}/docs/openapi.json`)).json()) as OpenApiDocument;
}, 120_000);

afterAll(async () => {
  await context?.close();
  await api?.close();
  if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
});

describe("mountDocs(): the example's API reference in headless Chromium", () => {
  it("renders every operation of the document, with no console error and no request off the origin", async () => {
    const response = await page.goto(`${server.url}/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await page.waitForSelector(".opblock", { timeout: 30_000 });
    const expected = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(expected).toHaveLength(11);
    const rendered = await page.$$eval(".opblock", (blocks) =>
      blocks.map((block) => `${block.querySelector(".opblock-summary-method")?.textContent} ${block.querySelector(".opblock-summary-path")?.getAttribute("data-path")}`),
    );
    expect(rendered.sort()).toEqual([...expected].sort());
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "api-reference.png") });
    expect(consoleErrors).toEqual([]);
    expect(offOrigin).toEqual([]);
  }, 90_000);

  it("sends one \"try it\" request to the server and shows its answer", async () => {
    const created = await fetch(`${server.url}/users/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Ada Lovelace", email: "ada@example.com" }),
    });
    expect(created.status).toBe(201);
    const block = page.locator("#operations-users-users-group_get");
    await block.locator(".opblock-summary").click();
    await block.locator(".try-out__btn").click();
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/users/" && r.request().method() === "GET");
    await block.locator(".execute").click();
    expect((await answered).status()).toBe(200);
    const live = block.locator(".live-responses-table .response");
    await expect.poll(() => live.locator(".response-col_status").first().textContent(), { timeout: 15_000 }).toContain("200");
    expect(await live.locator(".response-col_description").first().textContent()).toContain("Ada Lovelace");
    await live.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "api-reference-try-it.png") });
    expect(consoleErrors).toEqual([]);
    expect(offOrigin).toEqual([]);
  }, 90_000);
});
