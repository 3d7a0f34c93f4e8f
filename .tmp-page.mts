import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "./examples/rest-api/app.ts";
const api = await createApp();
const server = await api.app.listen({ port: 0, host: "127.0.0.1" });
const userDataDir = mkdtempSync(join(tmpdir(), "mv-chromium-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: "/usr/bin/chromium", headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1280, height: 1000 },
});
const page = context.pages()[0] ?? await context.newPage();
page.on("console", (m) => console.log("console", m.type(), m.text()));
page.on("pageerror", (e) => console.log("pageerror", e.message));
page.on("request", (r) => console.log("req", r.method(), r.url().slice(0, 100)));
await page.goto(`${server.url}/docs`);
await page.waitForSelector(".opblock", { timeout: 20000 });
console.log("ops", await page.locator(".opblock").count());
await page.screenshot({ path: "/tmp/docs.png", fullPage: false });
await context.close();
await api.close();
