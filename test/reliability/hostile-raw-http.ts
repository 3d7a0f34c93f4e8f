import { connect } from "node:net";

/** One HTTP/1.x response as it came over the wire. */
export interface WireResponse {
  status: number;
  /** Header names lower-cased; repeated headers keep every value. */
  headers: Record<string, string[]>;
  body: Buffer;
  /** Whether the body was complete under its framing (Content-Length, chunked, or the close). */
  complete: boolean;
}

/** What a raw exchange saw: the responses parsed in order, what was left over, and how it ended. */
export interface Exchange {
  responses: WireResponse[];
  /** Bytes after the last response: none, the start of one that was cut, or bytes that are no HTTP response. */
  rest: "none" | "incomplete" | "malformed";
  /** `closed`: the server ended the connection; `reset`: a socket error; `timeout`: neither in time. */
  end: "closed" | "reset" | "timeout";
  /** Every byte the server sent. */
  bytes: Buffer;
}

/** Options of {@link exchange}. */
export interface ExchangeOptions {
  /** How long to wait for the server to answer and close, in ms. */
  timeoutMs?: number;
  /** Half-close after writing: the client says it has nothing more to send. */
  halfClose?: boolean;
  /** Milliseconds between the pieces of `bytes`, when there are several. */
  gapMs?: number;
  /** Whether the first request was a HEAD (its response has no body whatever its headers say). */
  head?: boolean;
}

const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: [^\r\n]*)?$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A header of a parsed response, repeated values joined with ", ". */
export function wireHeader(response: Pick<WireResponse, "headers">, name: string): string | undefined {
  return response.headers[name]?.join(", ");
}

type Parsed = { response: WireResponse; used: number } | "incomplete" | "malformed";

/** Reads a chunked body: the chunks read so far, the bytes used, and whether the last chunk came. */
function parseChunked(data: Buffer, start: number): { body: Buffer; used: number; done: boolean } | "malformed" {
  const parts: Buffer[] = [];
  let at = start;
  const sofar = (done: boolean) => ({ body: Buffer.concat(parts), used: at, done });
  for (;;) {
    const eol = data.indexOf("\r\n", at);
    if (eol === -1) return sofar(false);
    const size = Number.parseInt(data.toString("latin1", at, eol).split(";")[0]!.trim(), 16);
    if (!Number.isInteger(size) || size < 0) return "malformed";
    if (size === 0) {
      // Trailers, then an empty line.
      for (let line = eol + 2; ; ) {
        const end = data.indexOf("\r\n", line);
        if (end === -1) return sofar(false);
        if (end === line) {
          at = end + 2;
          return sofar(true);
        }
        line = end + 2;
      }
    }
    if (data.length < eol + 2 + size + 2) return sofar(false);
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    if (data.toString("latin1", eol + 2 + size, eol + 4 + size) !== "\r\n") return "malformed";
    at = eol + 4 + size;
  }
}

/** Parses one response from `data`; `closed` says the connection ended after it. */
function parseOne(data: Buffer, head: boolean, closed: boolean): Parsed {
  const headEnd = data.indexOf("\r\n\r\n");
  if (headEnd === -1) {
    const prefix = data.toString("latin1", 0, Math.min(data.length, 9));
    return "HTTP/1.1 ".startsWith(prefix) || "HTTP/1.0 ".startsWith(prefix) ? "incomplete" : "malformed";
  }
  const lines = data.toString("latin1", 0, headEnd).split("\r\n");
  const status = STATUS_LINE.exec(lines[0]!);
  if (status === null) return "malformed";
  const headers: Record<string, string[]> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon);
    if (colon <= 0 || !TOKEN.test(name)) return "malformed";
    (headers[name.toLowerCase()] ??= []).push(line.slice(colon + 1).trim());
  }
  const code = Number(status[1]);
  const bodyStart = headEnd + 4;
  const shell = { status: code, headers };
  if (head || code < 200 || code === 204 || code === 304) {
    return { response: { ...shell, body: Buffer.alloc(0), complete: true }, used: bodyStart };
  }
  if (/\bchunked\b/i.test(wireHeader(shell, "transfer-encoding") ?? "")) {
    const chunked = parseChunked(data, bodyStart);
    if (chunked === "malformed") return "malformed";
    if (!chunked.done) return closed ? { response: { ...shell, body: chunked.body, complete: false }, used: data.length } : "incomplete";
    return { response: { ...shell, body: chunked.body, complete: true }, used: chunked.used };
  }
  const length = wireHeader(shell, "content-length");
  if (length !== undefined) {
    if (!/^\d+$/.test(length)) return "malformed";
    const end = bodyStart + Number(length);
    if (data.length < end) return closed ? { response: { ...shell, body: data.subarray(bodyStart), complete: false }, used: data.length } : "incomplete";
    return { response: { ...shell, body: data.subarray(bodyStart, end), complete: true }, used: end };
  }
  // Delimited by the close: complete only once the server closed the connection.
  if (!closed) return "incomplete";
  return { response: { ...shell, body: data.subarray(bodyStart), complete: true }, used: data.length };
}

/** Splits what the server sent into responses; the first is answered as HEAD when `head`. */
export function parseResponses(data: Buffer, head: boolean, closed: boolean): Pick<Exchange, "responses" | "rest"> {
  const responses: WireResponse[] = [];
  let at = 0;
  while (at < data.length) {
    const parsed = parseOne(data.subarray(at), head && responses.length === 0, closed);
    if (typeof parsed === "string") return { responses, rest: parsed };
    responses.push(parsed.response);
    at += parsed.used;
    if (!parsed.response.complete) break;
  }
  return { responses, rest: "none" };
}

/**
 * Writes `bytes` to `127.0.0.1:port` over a plain TCP socket, as no HTTP client would (bad
 * methods, lying lengths, invalid bytes), and reads until the server closes the connection or
 * `timeoutMs` passes. Never rejects: a refused write or a reset is part of the answer.
 */
export function exchange(port: number, bytes: Buffer | readonly Buffer[], options: ExchangeOptions = {}): Promise<Exchange> {
  const { timeoutMs = 5000, halfClose = false, head = false, gapMs = 1 } = options;
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    let settled = false;
    const socket = connect(port, "127.0.0.1");
    const finish = (end: Exchange["end"]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const data = Buffer.concat(received);
      resolve({ ...parseResponses(data, head, end !== "timeout"), end, bytes: data });
    };
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.on("end", () => finish("closed"));
    socket.on("close", () => finish("closed"));
    // A write the server refused (it answered and closed early) is not the end of the exchange.
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") finish("reset");
    });
    socket.on("connect", async () => {
      const parts = Buffer.isBuffer(bytes) ? [bytes] : bytes;
      for (const [i, part] of parts.entries()) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
        if (settled) return;
        socket.write(part);
      }
      if (halfClose) socket.end();
    });
  });
}
