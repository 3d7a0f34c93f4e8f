import { BadRequest, HttpError } from "../../core/errors.js";
import { upperMethod } from "../../core/http-methods.js";
import type { RequestSource } from "../request-source.js";
import { readLimited, tooLarge } from "./read-limited.js";

/**
 * Refuses a body that ended before its declared length, or whose request was aborted while
 * it was read: some runtimes end the stream quietly when the client leaves.
 */
export function assertComplete(bytes: Uint8Array, declared: number, signal: AbortSignal): Uint8Array {
  if (signal.aborted || (declared >= 0 && bytes.byteLength !== declared)) throw new BadRequest("The request body was cut short");
  return bytes;
}

/** A {@link RequestSource} over a WHATWG `Request`: `app.fetch` and `app.request`. */
export class FetchSource implements RequestSource<{ request: Request }> {
  readonly method: string;
  readonly url: string;
  readonly raw: { request: Request };

  constructor(private readonly request: Request) {
    this.method = upperMethod(request.method);
    const full = request.url;
    const start = full.indexOf("/", full.indexOf("//") + 2);
    this.url = start === -1 ? "/" : full.slice(start);
    this.raw = { request };
  }

  headers(): Headers {
    return this.request.headers;
  }

  header(name: string): string | undefined {
    return this.request.headers.get(name) ?? undefined;
  }

  async readBody(limit: number, stop?: AbortSignal): Promise<Uint8Array> {
    const declared = Number(this.request.headers.get("content-length") ?? Number.NaN);
    if (declared > limit) throw tooLarge(limit);
    const body = this.request.body;
    if (body === null) return new Uint8Array(0);
    try {
      return assertComplete(await readLimited(body, limit, undefined, stop), declared, this.request.signal);
    } catch (error) {
      // A body the client cut short (the runtime errors the stream) is the client's fault: a 400, not a 500.
      if (error instanceof HttpError) throw error;
      throw new BadRequest("The request body was cut short", { cause: error });
    }
  }

  parsedBody(): undefined {
    return undefined;
  }

  toRequest(): Request {
    return this.request;
  }

  watchAbort(onAbort: () => void): void {
    const signal = this.request.signal;
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  }
}
