import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { App } from "../../src/index.js";
import { mountDocs, openapi, type OpenApiDocument } from "../../src/openapi/index.js";
import type { Served } from "../adapters/conformance.js";
import { targets } from "../adapters/targets.js";

const info = { title: "Hello <API>", version: "2.0.0" };

/** The URLs the page loads, as the browser resolves them against the page's own URL. */
function assetUrls(html: string, page: string): string[] {
  return [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => new URL(m[1]!, page).href);
}

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe.each(targets)("mountDocs(app, options) on $name", (target) => {
  it("serves the page, its assets and the document, under the host's prefix", async () => {
    const app = new App();
    app.route("/hello/:name", (ctx) => ({ hello: ctx.params.name }), { endpoint: "hello", responses: { 200: z.object({ hello: z.string() }) } });
    served = await target.serve(app);
    const prefix = new URL(served.url).pathname.replace(/\/$/, "");
    mountDocs(app, { path: "/docs", info, prefix });

    const page = await fetch(`${served.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
    );
    const html = await page.text();
    expect(html).toContain("<title>Hello &#60;API&#62; 2.0.0</title>");

    const urls = assetUrls(html, `${served.url}/docs`);
    expect(urls.map((url) => new URL(url).pathname)).toEqual(["favicon-32x32.png", "swagger-ui.css", "swagger-ui-bundle.js", "init.js"].map((file) => `${prefix}/docs/${file}`));
    const types = [];
    for (const url of urls) {
      const asset = await fetch(url);
      expect(asset.status, url).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(100);
      types.push(asset.headers.get("content-type"));
    }
    expect(types).toEqual(["image/png", "text/css; charset=utf-8", "text/javascript; charset=utf-8", "text/javascript; charset=utf-8"]);

    const document = (await (await fetch(`${served.url}/docs/openapi.json`)).json()) as OpenApiDocument;
    // The page's own routes are not in it; the view is, under the prefix, and answers there.
    expect(Object.keys(document.paths)).toEqual([`${prefix}/hello/{name}`]);
    const origin = new URL(served.url).origin;
    const hello = await fetch(`${origin}${prefix}/hello/ada`);
    expect(await hello.json()).toEqual({ hello: "ada" });
  });
});

describe("mountDocs(app, options)", () => {
  it("answers an asset it does not have with a 404, and loads nothing else from the package", async () => {
    const app = new App();
    mountDocs(app, { info });
    expect((await app.request("/docs/index.html")).status).toBe(404);
    expect((await app.request("/docs/swagger-ui-bundle.js.map")).status).toBe(404);
    expect((await app.request("/docs/..%2Fpackage.json")).status).toBe(404);
  });

  it("lists the document's absolute servers in connect-src, so that try-it may reach them", async () => {
    const app = new App();
    mountDocs(app, { path: "/api/reference", info, servers: [{ url: "https://api.example.com/v1" }, { url: "/v1" }, { url: "https://{region}.example.com" }] });
    const page = await app.request("/api/reference");
    expect(page.headers.get("content-security-policy")).toContain("connect-src 'self' https://api.example.com;");
    expect(await page.text()).toContain('<script src="reference/init.js">');
    expect(await (await app.request("/api/reference/init.js")).text()).toContain('"url":"reference/openapi.json"');
  });

  it("builds the document once, on its first request, with every route registered by then", async () => {
    const app = new App();
    mountDocs(app, { info });
    app.route("/later", () => null, { summary: "Registered after mountDocs" });
    const first = (await (await app.request("/docs/openapi.json")).json()) as OpenApiDocument;
    expect(first).toEqual(JSON.parse(JSON.stringify(openapi(app, { info }))));
    expect(first.paths["/later"]?.get?.summary).toBe("Registered after mountDocs");
  });

  it("refuses a path that is not a plain one, and options without info", () => {
    for (const path of ["docs", "/docs/", "/docs/:x", "/", "/a b"]) {
      expect(() => mountDocs(new App(), { path, info }), path).toThrow(/^mountDocs\(app, \{ path \}\): path must be a plain path such as "\/docs"/);
    }
    expect(() => mountDocs(new App(), {} as never)).toThrow(/^mountDocs\(app, options\): options must be an object|^mountDocs\(app, options\): info must be/);
  });
});
