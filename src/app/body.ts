import secureJson from "secure-json-parse";
import { BadRequest, UnsupportedMediaType } from "../core/errors.js";
import type { MediaType } from "./media-type.js";

const SECURE = { protoAction: "error", constructorAction: "error" } as const;
const utf8 = new TextDecoder("utf-8", { fatal: true });
const UTF8_LABELS = new Set(["utf-8", "utf8", "unicode-1-1-utf-8"]);

/** Whether a content type names JSON: `application/json` or any `+json` type. */
export function isJsonType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semi = contentType.indexOf(";");
  const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return isJsonMediaType(type);
}

function isJsonMediaType(type: string): boolean {
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** The decoder for a declared charset: UTF-8 when none is declared; an unknown one is a 415. */
function decoderFor(charset: string | undefined): InstanceType<typeof TextDecoder> {
  if (charset === undefined || UTF8_LABELS.has(charset)) return utf8;
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch (error) {
    throw new UnsupportedMediaType(`The request body's charset ${JSON.stringify(charset)} is not supported`, { cause: error });
  }
}

/**
 * Decodes a body in its declared charset (UTF-8 when none is declared, any label
 * `TextDecoder` knows otherwise); bytes invalid in it are a 400, not replacement characters.
 */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  const decoder = decoderFor(charset);
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw new BadRequest(`The request body is not valid ${decoder.encoding === "utf-8" ? "UTF-8" : charset}`, { cause: error });
  }
}

/** Refuses a body whose content type is not JSON, or JSON in a charset other than UTF-8 (RFC 8259), with a 415. */
export function assertJsonType(media: MediaType | undefined, header: string | null | undefined): void {
  if (media === undefined || !isJsonMediaType(media.type)) {
    throw new UnsupportedMediaType(
      `Expected a JSON body (content-type: application/json), got ${header === null || header === undefined ? "none" : JSON.stringify(header)}`,
    );
  }
  if (media.charset !== undefined && !UTF8_LABELS.has(media.charset)) {
    throw new UnsupportedMediaType(`A JSON body must be UTF-8, got charset ${JSON.stringify(media.charset)}`);
  }
}

/**
 * Whether `secure-json-parse` could find a forbidden key in `text`. What it refuses is an
 * own `__proto__` key or a `constructor` key holding a `prototype` key: either spells
 * `proto` (`__proto__`, `prototype`), unless it is escaped (`\u005f_proto__`), which takes
 * a backslash. Text with neither is plain `JSON.parse`'s, which is all the library does
 * then too (after its own three scans).
 */
function mayHoldForbiddenKey(text: string): boolean {
  return text.includes("proto") || text.includes("\\");
}

/**
 * Parses JSON text with `secure-json-parse`: `__proto__` and `constructor.prototype` keys
 * are refused, so a body can never poison `Object.prototype`. Malformed text is a 400, and
 * so is text that is empty or only whitespace, with a reason of its own.
 */
export function parseJson(text: string): unknown {
  try {
    if (mayHoldForbiddenKey(text)) return secureJson.parse(text, undefined, SECURE);
    // As the library: a leading byte order mark is not JSON's, it is dropped.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    if (text.trim() === "") throw new BadRequest("The request body is empty; expected JSON", { cause: error });
    const reason = error instanceof SyntaxError ? error.message : "invalid JSON";
    throw new BadRequest(`The request body is not valid JSON: ${reason}`, { cause: error });
  }
}

/**
 * Whether a parsed value holds what `secure-json-parse` refuses: an own `__proto__` key, or
 * an own `constructor` whose value has an own `prototype`, at any depth. Its own `scan()`
 * walks arrays with `for...in`, several times slower than an index loop on every body; a
 * parser's arrays have index keys only, so the loop visits the same values.
 */
function hasForbiddenKey(node: object): boolean {
  if (Object.hasOwn(node, "__proto__")) return true;
  if (Object.hasOwn(node, "constructor")) {
    const ctor = (node as { constructor: unknown }).constructor;
    if (ctor !== null && typeof ctor === "object" && Object.hasOwn(ctor, "prototype")) return true;
  }
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const value: unknown = node[i];
      if (value !== null && typeof value === "object" && hasForbiddenKey(value)) return true;
    }
    return false;
  }
  for (const key in node) {
    const value = (node as Record<string, unknown>)[key];
    if (value !== null && typeof value === "object" && hasForbiddenKey(value)) return true;
  }
  return false;
}

/**
 * Applies {@link parseJson}'s rules to a value a host parser made (`express.json()`,
 * `@koa/bodyparser`, a Fastify parser, Hono's validator): a `__proto__` or
 * `constructor.prototype` key is a 400 there too.
 */
export function checkParsedJson(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (hasForbiddenKey(value)) {
    const cause = new SyntaxError("Object contains forbidden prototype property");
    throw new BadRequest("The request body is not valid JSON: it has a forbidden prototype property", { cause });
  }
  return value;
}
