import { wireHeader, type Exchange } from "./hostile-raw-http.js";

/** The fields of an answer the targets must agree on. */
export const FIELDS = ["status", "content-type", "allow", "location", "content-length", "body", "wire"] as const;

/** One field of an answer. */
export type Field = (typeof FIELDS)[number];

/**
 * An answer as the suite compares it, every field a string: the first final response's status,
 * headers and body, and `wire`, how the rest of the exchange went (`ok`: one response, then the
 * close or a reset, which only timing tells apart). `content-length` says whether a declared length is the number of bytes that followed it.
 */
export type Answer = Readonly<Record<Field, string>>;

/**
 * What the length says. Chunked, close-delimited or with a `content-length` that is right: the
 * framing is the server's choice and the client reads the same bytes. A HEAD answer has no
 * bytes to check against: its value (or its absence) is compared as it is.
 */
function lengthField(declared: string | undefined, sent: number, head: boolean): string {
  if (head) return declared === undefined ? "absent (HEAD)" : `${declared} (HEAD)`;
  return declared === undefined || declared === String(sent) ? "= bytes sent" : `${declared}, but ${sent} bytes sent`;
}

/** The comparable answer of one exchange; `head` when the request was a HEAD. */
export function toAnswer(exchanged: Exchange, head: boolean): Answer {
  const finals = exchanged.responses.filter((response) => response.status >= 200);
  const first = finals[0];
  const wire = [
    exchanged.end === "timeout" ? "timeout" : "",
    finals.length > 1 ? `${finals.length - 1} more response(s)` : "",
    exchanged.rest === "none" ? "" : `${exchanged.rest} bytes after`,
    first !== undefined && !first.complete ? "response cut" : "",
  ].filter((part) => part !== "");
  const header = (name: string) => (first === undefined ? "-" : (wireHeader(first, name) ?? "absent"));
  return {
    status: first === undefined ? "no answer" : String(first.status),
    "content-type": header("content-type"),
    allow: header("allow"),
    location: header("location"),
    "content-length": first === undefined ? "-" : lengthField(wireHeader(first, "content-length"), first.body.length, head),
    body: first === undefined ? "-" : first.body.toString("latin1"),
    wire: wire.length === 0 ? "ok" : wire.join(", "),
  };
}

/** The fields in which `answer` differs from `reference`. */
export function differences(answer: Answer, reference: Answer): Field[] {
  return FIELDS.filter((field) => answer[field] !== reference[field]);
}

/**
 * What is wrong with an answer whatever the others say: a length that is not the body's, a
 * hang, bytes after the answer (for a request whose framing lies, those answer what followed).
 */
export function faults(answer: Answer, lie: boolean): string[] {
  const found: string[] = [];
  if (answer["content-length"].includes("bytes sent") && answer["content-length"] !== "= bytes sent") found.push(`content-length ${answer["content-length"]}`);
  if (answer.wire.startsWith("timeout")) found.push("no close within the read timeout");
  if (!lie && (answer.wire.includes("more response") || answer.wire.includes("bytes after"))) found.push(`after the answer: ${answer.wire}`);
  return found;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max)}…(${text.length})`);
/** Control characters escaped, as JSON would, the rest as it is. */
const printable = (text: string) => [...text].map((char) => (char < " " || char === "\u007f" ? JSON.stringify(char).slice(1, -1) : char)).join("");

/** The answers side by side, one line per target, with a mark on each field that differs from the reference. */
export function sideBySide(rows: readonly { target: string; answer: Answer; marks: readonly string[] }[]): string {
  const width = Math.max(...rows.map((row) => row.target.length));
  return rows
    .map(({ target, answer, marks }) => {
      const cells = FIELDS.map((field) => {
        const value = field === "body" ? printable(clip(Buffer.from(answer.body, "latin1").toString("utf8"), 140)) : answer[field];
        return `${field}=${value}`;
      });
      return `  ${target.padEnd(width)} | ${cells.join(" | ")}${marks.length === 0 ? "" : `   <- ${marks.join("; ")}`}`;
    })
    .join("\n");
}
