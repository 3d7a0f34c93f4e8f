import type { App } from "../app/app.js";
import { logError } from "../app/logger.js";
import { NotFound } from "../core/errors.js";
import { json, ViewResponse } from "../core/response.js";
import type { RequestContext } from "../core/context.js";
import { loadPackageAssets, type Asset } from "./docs-assets.js";
import { contentSecurityPolicy, initScript, pageHtml } from "./docs-page.js";
import { hide } from "./hidden-routes.js";
import { openapi, type OpenApiDocument } from "./openapi.js";
import { checkOpenApiOptions, type OpenApiOptions } from "./openapi-options.js";

/** Options of `mountDocs(app, options)`: the document's, and where the page goes. */
export interface DocsOptions extends OpenApiOptions {
  /**
   * The page's path; the document is at `${path}/openapi.json` and the assets beside it.
   * @default "/docs"
   */
  readonly path?: string;
}

const NOSNIFF = { "x-content-type-options": "nosniff" };

function checkPath(path: unknown): string {
  if (typeof path !== "string" || !/^(\/[A-Za-z0-9._~-]+)+$/.test(path)) {
    throw new TypeError(`mountDocs(app, { path }): path must be a plain path such as "/docs" (no parameter, no trailing slash), got ${JSON.stringify(path)}`);
  }
  return path;
}

/**
 * Serves the App's API reference: `GET ${path}` is an HTML page (Swagger UI, from the
 * swagger-ui-dist package, an optional peer dependency), `GET ${path}/openapi.json` the
 * OpenAPI document (built on the first request, from every route but these). The page's
 * assets come from the App itself, so it works offline and behind any host, under a
 * Content-Security-Policy that allows only them. Ordinary routes: every adapter serves them.
 *
 * @example
 * ```ts
 * import { App } from "methodview";
 * import { mountDocs } from "methodview/openapi";
 *
 * const app = new App();
 * app.route("/hello", () => ({ hello: "world" }), { summary: "Say hello" });
 * mountDocs(app, { path: "/docs", info: { title: "Hello", version: "1.0.0" } });
 * const document = (await (await app.request("/docs/openapi.json")).json()) as { paths: object };
 * console.assert("/hello" in document.paths);
 * ```
 * @see docs/openapi.md
 */
export function mountDocs(app: App, options: DocsOptions): App {
  const checked = checkOpenApiOptions(options, "mountDocs(app, options)");
  const path = checkPath(options.path ?? "/docs");
  // Relative to the page, which has no trailing slash: `/api/docs` loads `docs/...`, i.e. `/api/docs/...`.
  const base = path.slice(path.lastIndexOf("/") + 1);
  const assets = loadPackageAssets().then((found) => {
    found.set("init.js", { type: "text/javascript; charset=utf-8", body: new TextEncoder().encode(initScript(base)) });
    return found;
  });
  // Said at mount time, not at the first visit; a visit then is a plain 500.
  assets.catch((error: unknown) => logError(app.logger, "mountDocs(): the API reference page cannot be served", error));
  const page = pageHtml(`${checked.info.title} ${checked.info.version}`, base);
  const policy = contentSecurityPolicy(checked.servers);
  let document: OpenApiDocument | undefined;

  const showPage = hide(
    () =>
      new ViewResponse(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": policy, "cache-control": "no-cache", ...NOSNIFF }, page),
  );
  const showDocument = hide(() => json((document ??= openapi(app, options)), { headers: { "cache-control": "no-cache", ...NOSNIFF } }));
  const showAsset = hide(async (ctx: RequestContext) => {
    const asset: Asset | undefined = (await assets).get(ctx.params.asset ?? "");
    if (asset === undefined) throw new NotFound(`No asset of the API reference page is named ${JSON.stringify(ctx.params.asset)}`);
    return new ViewResponse(200, { "content-type": asset.type, "cache-control": "public, max-age=3600", ...NOSNIFF }, asset.body);
  });
  app.addUrlRule(path, { viewFunc: showPage, endpoint: path, methods: ["GET"] });
  app.addUrlRule(`${path}/openapi.json`, { viewFunc: showDocument, endpoint: `${path}/openapi.json`, methods: ["GET"] });
  app.addUrlRule(`${path}/:asset`, { viewFunc: showAsset, endpoint: `${path}/:asset`, methods: ["GET"] });
  return app;
}
