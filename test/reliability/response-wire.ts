import { STATUS_CODES } from "node:http";
import { exchange, type Exchange, type WireResponse } from "./hostile-raw-http.js";

// Which status a reason phrase belongs to, to catch one sent with another status ("500 Found").
const REASON_OWNER = new Map(Object.entries(STATUS_CODES).map(([code, reason]) => [reason!, Number(code)]));

/** A GET (or `method`) of `path` over raw TCP; the server closes the connection after it. */
export function rawRequest(method: string, target: string): Buffer {
  return Buffer.from(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, "latin1");
}

/** Sends one request over raw TCP and returns every byte the server sent, parsed. */
export function rawExchange(port: number, method: string, target: string): Promise<Exchange> {
  return exchange(port, rawRequest(method, target), { head: method === "HEAD" });
}

/** The status line as it went on the wire. */
export function statusLine(answer: Exchange): string {
  return answer.bytes.toString("latin1", 0, Math.max(0, answer.bytes.indexOf("\r\n")));
}

/**
 * What is wrong with `answer` as one valid HTTP/1.1 response, or `[]`: a status line and
 * header syntax the parser accepts, one final response and nothing after it, framing that
 * matches the bytes sent (a Content-Length equal to them, or valid chunks), no length and no
 * body where the status forbids both, a reason phrase that belongs to its status.
 */
export function wireFaults(answer: Exchange, head = false): string[] {
  const faults: string[] = [];
  if (answer.end === "timeout") faults.push("no answer within the time limit (a hang)");
  if (answer.rest !== "none") faults.push(`bytes that are no valid response: ${answer.rest}`);
  const finals = answer.responses.filter((response) => response.status >= 200);
  if (finals.length !== 1) faults.push(`${finals.length} final responses (interim: ${answer.responses.length - finals.length})`);
  const response = finals[0];
  if (response === undefined) return faults;
  if (!response.complete) faults.push("a body cut short of its framing");
  const length = response.headers["content-length"];
  const chunked = response.headers["transfer-encoding"] !== undefined;
  if (length !== undefined && length.length !== 1) faults.push(`${length.length} Content-Length headers`);
  if (length !== undefined && chunked) faults.push("both Content-Length and Transfer-Encoding");
  if (response.status === 204 || response.status === 304) {
    if (length !== undefined || chunked) faults.push(`a ${response.status} with framing headers`);
    if (afterHead(answer) > 0) faults.push(`a ${response.status} followed by body bytes`);
  } else if (!head && length !== undefined && Number(length[0]) !== response.body.byteLength) {
    faults.push(`Content-Length ${length[0]} for ${response.body.byteLength} bytes`);
  }
  const line = statusLine(answer);
  const reason = line.slice("HTTP/1.1 200 ".length);
  const owner = REASON_OWNER.get(reason);
  if (response === answer.responses[0] && owner !== undefined && owner !== response.status && STATUS_CODES[response.status] !== reason) {
    faults.push(`status line ${JSON.stringify(line)}: the reason phrase of ${owner}`);
  }
  return faults;
}

/** Bytes after the head of the only response: must be none for a 204 or 304. */
function afterHead(answer: Exchange): number {
  const end = answer.bytes.indexOf("\r\n\r\n");
  return end === -1 ? 0 : answer.bytes.length - end - 4;
}

/** The one final response of an answer. */
export function finalResponse(answer: Exchange): WireResponse | undefined {
  return answer.responses.find((response) => response.status >= 200);
}
