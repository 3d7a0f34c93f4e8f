import type { Answer } from "./differential-answer.js";
import type { NodeVerdict } from "./hostile-oracles.js";
import { pathOf, type HostileRequest } from "./hostile-request.js";

/** The kinds of input an allowance can name. */
export type InputKind =
  | "unmatched"
  | "refused-by-node"
  | "lower-case-method"
  | "unknown-method"
  | "absolute-form"
  | "dot-segment"
  | "encoded-unreserved"
  | "encoded-slash"
  | "malformed-percent"
  | "undecodable-path"
  | "double-slash"
  | "duplicate-content-type"
  | "invalid-content-type"
  | "content-length-mismatch"
  | "cut-body"
  | "trickled-body"
  | "query-without-content-type";

const STANDARD = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]);
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
/** A media type as RFC 9110 writes it: `type/subtype`, then parameters. */
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}\\s*(;.*)?$`);
const UNRESERVED_ESCAPE = /%(?:[46][1-9A-F]|[57][0-9A]|3[0-9]|2D|2E|5F|7E)/i;

/** Whether the path percent-decodes to UTF-8 (`%zz`, a lone `%` and `%FF` do not). */
function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The kinds `req` is of, by its bytes alone. */
export function requestKinds(req: HostileRequest): Set<InputKind> {
  const kinds = new Set<InputKind>();
  const upper = req.method.toUpperCase();
  if (!STANDARD.has(upper)) kinds.add("unknown-method");
  else if (upper !== req.method) kinds.add("lower-case-method");
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(req.target);
  if (absolute !== null) kinds.add("absolute-form");
  const path = pathOf(req).slice(absolute?.[0].length ?? 0);
  if (DOT_SEGMENT.test(path)) kinds.add("dot-segment");
  if (UNRESERVED_ESCAPE.test(path)) kinds.add("encoded-unreserved");
  if (/%(2F|5C)/i.test(path)) kinds.add("encoded-slash");
  if (/%(?![0-9A-F]{2})/i.test(path)) kinds.add("malformed-percent");
  if (!decodes(path)) kinds.add("undecodable-path");
  if (path.includes("//")) kinds.add("double-slash");
  const named = (name: string) => req.headers.filter(([header]) => header.toLowerCase() === name);
  if (named("content-type").length > 1) kinds.add("duplicate-content-type");
  if (named("content-type").some(([, value]) => !MEDIA_TYPE.test(value.trim()))) kinds.add("invalid-content-type");
  const lengths = named("content-length").map(([, value]) => value);
  const chunked = named("transfer-encoding").length > 0;
  if (lengths.length > 1 || (lengths.length === 1 && (chunked || lengths[0] !== String(req.body.length)))) kinds.add("content-length-mismatch");
  if (req.truncated) kinds.add("cut-body");
  if (req.pieces > 1) kinds.add("trickled-body");
  if (upper === "QUERY" && named("content-type").length === 0) kinds.add("query-without-content-type");
  return kinds;
}

/** Whether the App's answer is its own 404 (its answer to a HEAD has the type and no body): no rule matched the path. */
export function unmatched(reference: Answer): boolean {
  if (reference.status !== "404" || !reference["content-type"].startsWith("application/problem+json")) return false;
  return reference.body === "" || reference.body.includes('"code":"MV_NOT_FOUND"');
}

/** Whether plain node:http refused the request (its parser, or node itself) before any listener ran. */
export function refusedByNode(verdict: NodeVerdict): boolean {
  return verdict.clientError || verdict.first !== "listener";
}
