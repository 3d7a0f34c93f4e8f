/**
 * Where a request target becomes the path the App routes: one function, for every host.
 * The target may come in any of the forms of RFC 9112 §3.2: origin-form (`/a?b`),
 * absolute-form (`http://host/a?b`, from a proxy or a hostile client) or asterisk-form (`*`).
 */

/** A request target as the App routes it: its path (still percent-encoded) and its query string. */
export interface ResolvedTarget {
  /** The path below the mount point, dot segments resolved, still percent-encoded. */
  readonly path: string;
  /** The query string, without its `?`. */
  readonly query: string;
  /** The target as a source carries it: `path`, then `?query` when there is one. */
  readonly url: string;
}

/** `*` of `OPTIONS *`: never a path, so it matches no rule and reaches no view. */
export const ASTERISK = "*";

// scheme "://" authority, as RFC 3986 §3.1 spells a scheme.
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;

/** Whether a segment is `.` or `..`, percent-encoded or not (RFC 3986 §2.3: `%2e` is `.`). */
function dotsOf(segment: string): 0 | 1 | 2 {
  const plain = segment.length <= 6 ? segment.replace(/%2e/gi, ".") : segment;
  return plain === "." ? 1 : plain === ".." ? 2 : 0;
}

/** The length of `http://` or `https://` at the start of `target`, else 0. */
function httpSchemeLength(target: string): number {
  return target.startsWith("http://") ? 7 : target.startsWith("https://") ? 8 : 0;
}

/**
 * Where the scheme and authority of an absolute-form target end (the query already cut), or -1
 * when it is none. `http://` and `https://`, the form a Fetch runtime's `Request.url` always
 * has, are read without the regex: the authority ends at the first `/` or `#`.
 */
function authorityEnd(path: string): number {
  const at = httpSchemeLength(path);
  if (at === 0) return ABSOLUTE.exec(path)?.[0].length ?? -1;
  for (let i = at; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code === 47 /* / */ || code === 35 /* # */) return i;
  }
  return path.length;
}

function mayHaveDots(path: string): boolean {
  // Most paths are short and hold neither `.` nor `%`: one pass over them beats two searches.
  if (path.length <= 64) {
    let i = 0;
    for (; i < path.length; i++) {
      const code = path.charCodeAt(i);
      if (code === 46 /* . */ || code === 37 /* % */) break;
    }
    if (i === path.length) return false;
  }
  return path.includes("/.") || (path.includes("%2") && /\/%2e/i.test(path));
}

/**
 * Resolves `.` and `..` segments (RFC 3986 §5.2.4). A `..` at the root stays at the root;
 * a path that ends in a dot segment keeps its trailing slash (`/a/.` is `/a/`).
 */
export function removeDotSegments(path: string): string {
  if (!mayHaveDots(path)) return path;
  const segments = path.split("/");
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!;
    const dots = dotsOf(segment);
    const last = i === segments.length - 1;
    if (dots === 0) out.push(segment);
    else if (dots === 2) out.pop();
    if (dots !== 0 && last) out.push("");
  }
  return `/${out.join("/")}`;
}

// A prefix the host matched as a pattern (`/:tenant`, `/v{1}`): cut by its number of segments.
const PATTERN = /[:*{(]/;

/** The path past the first `count` segments of `path` ("/a/b/c", 2 -> "/c"), or undefined if shorter. */
function pastSegments(path: string, count: number): string | undefined {
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at >= path.length) return undefined;
    const next = path.indexOf("/", at + 1);
    at = next === -1 ? path.length : next;
  }
  return at >= path.length ? "/" : path.slice(at);
}

/** The path of `path` below `prefix` ("/api/x" under "/api" is "/x"), or undefined outside it. */
function below(path: string, prefix: string): string | undefined {
  if (prefix === "" || prefix === "/") return path;
  if (prefix.endsWith("/")) return below(path, prefix.slice(0, -1));
  if (PATTERN.test(prefix)) return pastSegments(path, prefix.split("/").length - 1);
  if (!path.startsWith(prefix)) return undefined;
  if (path.length === prefix.length) return "/";
  return path.charCodeAt(prefix.length) === 47 /* / */ ? path.slice(prefix.length) : undefined;
}

/**
 * The path of `target` if routing could leave it as it is: the target itself in origin-form,
 * what follows the authority of an `http://` or `https://` target with no query; else
 * `undefined`. Whether routing does leave it so is for the caller to know (a fixed path, say).
 */
export function pathAsIs(target: string): string | undefined {
  if (target.charCodeAt(0) === 47 /* / */) return target;
  const at = httpSchemeLength(target);
  if (at === 0) return undefined;
  for (let i = at; i < target.length; i++) {
    const code = target.charCodeAt(i);
    if (code === 47 /* / */) return target.slice(i);
    if (code === 63 /* ? */ || code === 35 /* # */) return undefined;
  }
  return undefined;
}

/**
 * Turns a request target into the path and query the App routes, below the mount `prefix`
 * (as the request spells it, or the host's pattern for it, no trailing slash; `""` at the
 * server root): the scheme and
 * authority of an absolute-form target are dropped, dot segments are resolved on the whole
 * path, then the prefix is cut. `undefined` when the path is outside the prefix: a `..` that
 * climbed above it, or a target that is no path at all (`*` under a prefix).
 *
 * @example
 * ```ts
 * import { resolveTarget } from "methodview/host";
 * resolveTarget("http://example.com/api/a/../b?x=1", "/api"); // { path: "/b", query: "x=1", url: "/b?x=1" }
 * ```
 */
export function resolveTarget(target: string, prefix = ""): ResolvedTarget | undefined {
  const q = target.indexOf("?");
  let path = q === -1 ? target : target.slice(0, q);
  const query = q === -1 ? "" : target.slice(q + 1);
  let changed = false;
  if (path.charCodeAt(0) !== 47 /* / */) {
    if (path === ASTERISK) return prefix === "" ? { path, query, url: target } : undefined;
    const end = authorityEnd(path);
    if (end === -1) return undefined;
    path = path.slice(end) || "/";
    changed = true;
  }
  const resolved = removeDotSegments(path);
  const rest = below(resolved, prefix);
  if (rest === undefined) return undefined;
  if (!changed && rest === resolved && resolved === path) return { path, query, url: target };
  return { path: rest, query, url: q === -1 ? rest : `${rest}?${query}` };
}
