import { ConfigurationError } from "../core/errors.js";

/** The files of swagger-ui-dist the page loads, with their content types. */
export const PACKAGE_ASSETS: Readonly<Record<string, string>> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

/** An asset as the page's route sends it. */
export interface Asset {
  readonly type: string;
  readonly body: Uint8Array;
}

// A specifier in a variable: bundlers leave the optional peer dependency alone, and so does tsc.
const SWAGGER_UI_DIST = "swagger-ui-dist/absolute-path.js";

/**
 * Reads the page's assets from the installed swagger-ui-dist package, once. The package is
 * an optional peer dependency: without it, the promise rejects with a ConfigurationError
 * (`MV_DOCS_ASSETS`) that says how to install it.
 */
export async function loadPackageAssets(): Promise<Map<string, Asset>> {
  let dir: string;
  try {
    const loaded = (await import(SWAGGER_UI_DIST)) as { default?: () => string };
    dir = (loaded.default ?? (loaded as unknown as () => string))();
  } catch (error) {
    throw new ConfigurationError("MV_DOCS_ASSETS", "mountDocs(): the API reference page needs the package swagger-ui-dist: npm install swagger-ui-dist", {
      cause: error,
    });
  }
  const { readFile } = await import("node:fs/promises");
  const assets = new Map<string, Asset>();
  for (const [name, type] of Object.entries(PACKAGE_ASSETS)) assets.set(name, { type, body: await readFile(`${dir}/${name}`) });
  return assets;
}
