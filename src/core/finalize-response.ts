import { errorResponse, ViewResponse, type ResponseBody } from "./response.js";

// RFC 9110 field names are tokens; values hold no CTL but HTAB, and nothing above 0xFF (latin1 is what goes on the wire).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Whether `text` passes `test`, asking a Set of the texts that passed before (up to `max` of
 * them, each up to `maxLength` long) first: the few names and values an app sends (its
 * content types, mostly) are tested once, and a Set lookup is cheaper than the test.
 */
function passes(known: Set<string>, max: number, maxLength: number, text: string, test: (text: string) => boolean): boolean {
  if (known.has(text)) return true;
  if (!test(text)) return false;
  if (text.length <= maxLength && known.size < max) known.add(text);
  return true;
}

const knownNames = new Set<string>();
const knownValues = new Set<string>();
const isToken = (name: string) => TOKEN.test(name);

function validName(name: string): boolean {
  return passes(knownNames, 1024, Infinity, name, isToken);
}

function validString(value: string): boolean {
  return passes(knownValues, 256, 64, value, validChars);
}

function validChars(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 ? code !== 0x09 : code === 0x7f || code > 0xff) return false;
  }
  return true;
}

/** Framing the writer owns: it knows the length of the body it sends. */
const FRAMING = new Set(["content-length", "transfer-encoding", "trailer"]);

/** Statuses whose response never carries content (RFC 9110 §6.4.1, §15.3.6). */
const NO_CONTENT = new Set([204, 205, 304]);

function cancelBody(body: ResponseBody): void {
  if (body !== null && typeof (body as ReadableStream).cancel === "function") {
    (body as ReadableStream).cancel().catch(() => undefined);
  }
}

function validBody(body: unknown): body is ResponseBody {
  if (body === null || typeof body === "string" || body instanceof Uint8Array) return true;
  if (typeof body !== "object") return false;
  const candidate = body as { getReader?: unknown; [Symbol.asyncIterator]?: unknown };
  return typeof candidate.getReader === "function" || typeof candidate[Symbol.asyncIterator] === "function";
}

function validValue(value: unknown): boolean {
  if (typeof value === "string") return validString(value);
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== "string" || !validString(item)) return false;
  return true;
}

/** Whether `name` is one of {@link FRAMING}, in any case; cheap for every other name. */
function isFraming(name: string): boolean {
  const length = name.length;
  return (length === 7 || length === 14 || length === 17) && FRAMING.has(name.toLowerCase());
}

/**
 * What is wrong with `response` as an HTTP/1.1 response (a string), `"framed"` when it is
 * valid but carries framing headers, or `undefined` when nothing is to be done.
 */
function inspect(response: ViewResponse): string | "framed" | undefined {
  const { status, headers } = response;
  if (typeof status !== "number" || !Number.isInteger(status) || status < 200 || status > 599) {
    return `the response status must be a final status, an integer from 200 to 599, got ${typeof status === "number" ? String(status) : typeof status}`;
  }
  if (headers === null || typeof headers !== "object") return "the response headers must be an object";
  let framed = false;
  for (const name in headers) {
    if (!validName(name)) return `the response header name ${JSON.stringify(name)} is not an HTTP token`;
    if (!validValue(headers[name])) {
      return `the response header "${name}" must be a string (or strings) without CR, LF, NUL or other control characters, and no character above U+00FF`;
    }
    if (isFraming(name)) framed = true;
  }
  if (!validBody(response.body)) return `the response body must be null, a string, bytes or a stream, got ${typeof response.body}`;
  return framed ? "framed" : undefined;
}

/**
 * The last step of every request, on every host: makes the result a valid HTTP/1.1 response.
 * An invalid status, header or body becomes a 500 problem+json that says nothing of it, and
 * `report` hears what was wrong. Framing headers a handler set (`content-length`,
 * `transfer-encoding`, `trailer`) are dropped, since the writer frames the body it sends; a
 * 204, 205 or 304 loses its body. Allocates nothing when the response is already fine.
 */
export function finalizeResponse(response: ViewResponse, report: (fault: TypeError) => void): ViewResponse {
  const found = inspect(response);
  if (found === "framed") {
    for (const name in response.headers) if (isFraming(name)) delete response.headers[name];
    response.source = undefined;
  } else if (found !== undefined) {
    cancelBody(validBody(response.body) ? response.body : null);
    report(new TypeError(found));
    return errorResponse(new Error("invalid response"));
  }
  if (NO_CONTENT.has(response.status) && response.body !== null) {
    cancelBody(response.body);
    response.body = null;
    response.source = undefined;
  }
  return response;
}
