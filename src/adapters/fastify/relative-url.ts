/** Skips `count` non-empty path segments of `url`; returns the rest, query string included. */
function afterSegments(url: string, count: number): string {
  let at = 0;
  for (let seen = 0; seen < count && at < url.length; ) {
    let end = at + 1;
    while (end < url.length && url[end] !== "/" && url[end] !== "?") end++;
    if (url[end] === "?") return url.slice(end);
    if (end > at + 1) seen++;
    at = end;
  }
  return url.slice(at);
}

/**
 * A function giving a request url relative to the plugin's `prefix`, the path as the App's
 * rules see it: `/api/items?page=2` under `/api` is `/items?page=2`. The prefix is cut
 * as text when the url starts with it; otherwise (a prefix with params, a case-insensitive
 * or percent-encoded match) by its number of path segments.
 */
export function relativeUrl(prefix: string): (url: string) => string {
  const base = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  if (base === "") return (url) => url;
  const length = base.length;
  const segments = base.split("/").filter((segment) => segment !== "").length;
  return (url) => {
    const rest = url.startsWith(base) ? url.slice(length) : afterSegments(url, segments);
    return rest === "" || rest[0] === "?" ? `/${rest}` : rest;
  };
}
