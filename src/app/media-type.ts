import { UnsupportedMediaType } from "../core/errors.js";

/** A request's `Content-Type`: the lower-case type and its `charset`, if it names one. */
export interface MediaType {
  readonly type: string;
  readonly charset: string | undefined;
}

/** Splits a header value on the commas that join repeated fields, not those inside quotes. */
function splitFields(value: string): string[] {
  const fields: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"') quoted = !quoted;
    else if (c === "\\" && quoted) i++;
    else if (c === "," && !quoted) {
      fields.push(value.slice(start, i));
      start = i + 1;
    }
  }
  fields.push(value.slice(start));
  return fields.map((field) => field.trim()).filter((field) => field !== "");
}

function parseOne(field: string): MediaType {
  const [type = "", ...params] = field.split(";");
  let charset: string | undefined;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== "charset") continue;
    charset = param.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1").toLowerCase();
  }
  // Frozen: one parse is shared by every request that sends the same header.
  return Object.freeze({ type: type.trim().toLowerCase(), charset });
}

// Parsed values by header text: a server sees few distinct ones, so most requests parse none.
// Bounded in entries and in length, so that clients sending endless or long variants cannot grow it.
const parsed = new Map<string, MediaType | undefined>();
const CACHED_VALUES = 256;
const CACHED_LENGTH = 200;
let last: { readonly value: string; readonly media: MediaType | undefined } = { value: "", media: undefined };

/**
 * Parses the request's `Content-Type` as every host sees it (repeated fields joined by
 * ", "). Content-Type is a singleton field (RFC 9110): repeats that agree count as one, two
 * that differ are a 415, on every host, whatever its parser would have kept.
 */
export function parseMediaType(value: string | null | undefined): MediaType | undefined {
  if (value === null || value === undefined) return undefined;
  // The header text of the last request: comparing it costs less than hashing it for the map.
  if (value === last.value) return last.media;
  let media = parsed.get(value);
  if (media === undefined && !parsed.has(value)) {
    media = parseValue(value);
    if (value.length > CACHED_LENGTH) return media;
    if (parsed.size >= CACHED_VALUES) parsed.clear();
    parsed.set(value, media);
  }
  last = { value, media };
  return media;
}

function parseValue(value: string): MediaType | undefined {
  const fields = splitFields(value);
  if (fields.length === 0) return undefined;
  const first = parseOne(fields[0]!);
  for (let i = 1; i < fields.length; i++) {
    const other = parseOne(fields[i]!);
    if (other.type !== first.type || other.charset !== first.charset) {
      throw new UnsupportedMediaType("The request has more than one Content-Type, and they differ");
    }
  }
  return first;
}
