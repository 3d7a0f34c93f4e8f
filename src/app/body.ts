import secureJson from "secure-json-parse";
import { BadRequest, UnsupportedMediaType } from "../core/errors.js";

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Whether a content type names JSON: `application/json` or any `+json` type. */
export function isJsonType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semi = contentType.indexOf(";");
  const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** Decodes a body as UTF-8; invalid bytes are a 400, not replacement characters. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw new BadRequest("The request body is not valid UTF-8", { cause: error });
  }
}

/** Refuses a body whose content type is not JSON, with a 415. */
export function assertJsonType(contentType: string | undefined): void {
  if (!isJsonType(contentType)) {
    throw new UnsupportedMediaType(
      `Expected a JSON body (content-type: application/json), got ${contentType === undefined ? "none" : JSON.stringify(contentType)}`,
    );
  }
}

/**
 * Parses JSON text with `secure-json-parse`: `__proto__` and `constructor.prototype` keys
 * are refused, so a body can never poison `Object.prototype`. Malformed text is a 400.
 */
export function parseJson(text: string): unknown {
  if (text.trim() === "") throw new BadRequest("The request body is empty; expected JSON");
  try {
    return secureJson.parse(text, undefined, { protoAction: "error", constructorAction: "error" });
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : "invalid JSON";
    throw new BadRequest(`The request body is not valid JSON: ${reason}`, { cause: error });
  }
}
