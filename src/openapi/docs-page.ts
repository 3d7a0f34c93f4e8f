import type { OpenApiServer } from "./openapi-options.js";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page's HTML. Every URL is relative to the page (`docs/swagger-ui.css` from `/docs`),
 * so that it is right under any mount prefix a host puts in front of the App.
 */
export function pageHtml(title: string, base: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" type="image/png" href="${base}/favicon-32x32.png">
<link rel="stylesheet" href="${base}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${base}/swagger-ui-bundle.js"></script>
<script src="${base}/init.js"></script>
</body>
</html>
`;
}

/** The script that starts Swagger UI: no validator badge (it would call out), the document beside the page. */
export function initScript(base: string): string {
  const config = { url: `${base}/openapi.json`, dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null, layout: "BaseLayout" };
  return `window.addEventListener("load", function () {
  var config = ${JSON.stringify(config)};
  config.presets = [SwaggerUIBundle.presets.apis];
  window.ui = SwaggerUIBundle(config);
});
`;
}

/**
 * The page's Content-Security-Policy: its own scripts, styles, images and fonts only (the
 * icons of Swagger UI's stylesheet are data: URLs), requests ("try it") to this origin and to
 * the absolute `servers` of the document (a templated one, `https://{region}.example.com`,
 * names no one origin and is left out), no frames, no forms, no plugins.
 */
export function contentSecurityPolicy(servers: readonly OpenApiServer[] | undefined): string {
  const origins = new Set<string>();
  for (const { url } of servers ?? []) {
    if (!/^https?:\/\//i.test(url) || url.includes("{")) continue;
    try {
      const { origin } = new URL(url);
      // Only a plain origin goes into the header: nothing a server URL holds can add a directive.
      if (/^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?$/.test(origin)) origins.add(origin);
    } catch {
      // Not a URL: no origin to allow.
    }
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...origins].join(" ")}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join("; ");
}
