/**
 * One hostile request, as bytes: every string here is a latin1 string, one character per byte,
 * so that a method, a path or a header can carry bytes no HTTP client would send.
 */
export interface HostileRequest {
  readonly method: string;
  /** The request-target; one starting with "/" is put under the target's mount prefix. */
  readonly target: string;
  /** The Host header, or `null` to send none. */
  readonly host: string | null;
  readonly headers: readonly (readonly [name: string, value: string])[];
  /** The body as sent after the head, framing included (chunks, lies). */
  readonly body: Buffer;
  /** The body before framing, when it is meant for `ctx.json()` or `ctx.text()` (fidelity checks). */
  readonly payload?: Buffer;
  /** The framing lies (a length that is wrong, broken chunks): a closed connection is an answer. */
  readonly lie: boolean;
  /** The body is shorter than announced: the client half-closes to say there is nothing more. */
  readonly truncated: boolean;
  /** Write the bytes in pieces: the head, then the body in `pieces - 1` parts, so that it arrives later. */
  readonly pieces: number;
}

/** The bytes of a UTF-8 string, as a latin1 string. */
export const utf8Bytes = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

/** Percent-encodes every byte: `%XX` triples, whatever they decode to (often malformed UTF-8). */
export const percentBytes = (bytes: Uint8Array): string => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, "0").toUpperCase()}`).join("");

/** A request with defaults: no body, honest framing, one write. */
export function request(fields: Partial<HostileRequest> & Pick<HostileRequest, "method" | "target">): HostileRequest {
  return { host: "127.0.0.1", headers: [], body: Buffer.alloc(0), lie: false, truncated: false, pieces: 1, ...fields };
}

/** The head and body of `req` as written on the wire, under `prefix`, asking the server to close after it. */
export function wireBytes(req: HostileRequest, prefix: string): Buffer[] {
  const target = req.target.startsWith("/") ? prefix + req.target : req.target;
  let head = `${req.method} ${target} HTTP/1.1\r\n`;
  if (req.host !== null) head += `host: ${req.host}\r\n`;
  for (const [name, value] of req.headers) head += `${name}: ${value}\r\n`;
  head += "connection: close\r\n\r\n";
  const headBytes = Buffer.from(head, "latin1");
  if (req.pieces <= 1) return [Buffer.concat([headBytes, req.body])];
  const size = Math.ceil(req.body.length / (req.pieces - 1));
  const parts = Array.from({ length: req.pieces - 1 }, (_, i) => req.body.subarray(i * size, (i + 1) * size));
  return [headBytes, ...parts.filter((part) => part.length > 0)];
}

/** The path of `req` without its query, as the App's rules see it. */
export function pathOf(req: HostileRequest): string {
  const q = req.target.search(/[?#]/);
  return q === -1 ? req.target : req.target.slice(0, q);
}

function clip(text: string, max = 160): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${text.length} bytes)`;
}

/** A short, printable description of `req` for failure reports. */
export function describeRequest(req: HostileRequest): string {
  const headers = req.headers.length > 8 ? [...req.headers.slice(0, 8), ["...", `${req.headers.length - 8} more`]] : req.headers;
  return JSON.stringify({
    method: clip(req.method, 60),
    target: clip(req.target),
    host: req.host,
    headers: headers.map(([name, value]) => `${clip(name, 40)}: ${clip(value, 80)}`),
    body: clip(req.body.toString("latin1")),
    lie: req.lie,
    truncated: req.truncated,
  });
}
