import type { IncomingMessage, ServerResponse } from "node:http";
import { BadRequest } from "../../core/errors.js";
import type { ReadStop } from "../../app/bounded-read.js";
import { tooLarge } from "../../app/fetch/read-limited.js";
import { readThen, type BodyThen } from "../../app/source-fast-paths.js";

const READ = Symbol("methodview.nodeBodyRead");

/** A request whose body is being read: the read's state rides on it, for the shared listeners. */
type ReadRequest = IncomingMessage & { [READ]?: NodeBodyRead };

/**
 * One body read: what came so far and how it ends. The `data`, `end`, `error` and `close`
 * listeners are the module's own functions, shared by every read (an emitter calls them
 * with itself as `this`, and the read rides on the request), so a read costs this object
 * and its promise, not a closure per listener. With `then`, the promise is of `then(bytes)`,
 * run in the `end` listener; a second reader of the same request gets the bytes themselves.
 */
class NodeBodyRead {
  // Most bodies come in one chunk: no array for them.
  first: Buffer | undefined = undefined;
  more: Buffer[] | undefined = undefined;
  size = 0;
  done = false;
  resolve!: (value: unknown) => void;
  reject!: (error: unknown) => void;
  readonly promise: Promise<unknown>;
  /** The bytes for a second reader, when the first one's promise is of `then(bytes)`. */
  private bytes: { promise: Promise<Uint8Array>; resolve: (bytes: Uint8Array) => void; reject: (error: unknown) => void } | undefined = undefined;

  constructor(
    readonly req: ReadRequest,
    readonly res: ServerResponse,
    readonly limit: number,
    readonly stop: ReadStop | undefined,
    readonly then: BodyThen | undefined,
  ) {
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** The read's bytes, for a reader that joins it while it is under way. */
  whenBytes(): Promise<Uint8Array> {
    if (this.then === undefined) return this.promise as Promise<Uint8Array>;
    if (this.bytes === undefined) {
      let resolve!: (bytes: Uint8Array) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<Uint8Array>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      this.bytes = { promise, resolve, reject };
    }
    return this.bytes.promise;
  }

  /** Ends the read with its bytes: the promise gets them, or `then(bytes)`. */
  succeed(bytes: Uint8Array): void {
    this.finish();
    this.bytes?.resolve(bytes);
    const then = this.then;
    if (then === undefined) {
      this.resolve(bytes);
      return;
    }
    let value: unknown;
    try {
      value = then(bytes);
    } catch (error) {
      this.reject(error);
      return;
    }
    this.resolve(value);
  }

  /** Ends the read with `error`, its listeners taken off. */
  fail(error: unknown): void {
    const req = this.req;
    req.off("data", onData);
    req.off("end", onEnd);
    req.off("error", onError);
    req.off("close", onClose);
    this.finish();
    this.bytes?.reject(error);
    this.reject(error);
  }

  finish(): void {
    this.done = true;
    this.stop?.settled();
  }

  /** The App gave up on the read (the client left, a time limit passed): ends as past the limit. */
  readonly halt = (): void => {
    leaveUnread(this.res);
    this.req.resume();
    this.fail(this.stop?.reason);
  };
}

/** The rest of the body flows away unread, so the connection cannot carry another request. */
export function leaveUnread(res: ServerResponse): void {
  if (!res.headersSent) res.setHeader("connection", "close");
}

function onData(this: ReadRequest, chunk: Buffer): void {
  const read = this[READ]!;
  read.size += chunk.byteLength;
  if (read.size > read.limit) {
    leaveUnread(read.res);
    read.fail(tooLarge(read.limit));
    return;
  }
  if (read.first === undefined) read.first = chunk;
  else (read.more ??= [read.first]).push(chunk);
}

// The listeners stay on a request read to its end: no more data comes, a late "close"
// finds it complete, and a late "error" rejects a settled promise.
function onEnd(this: ReadRequest): void {
  const read = this[READ]!;
  read.succeed(read.more !== undefined ? Buffer.concat(read.more, read.size) : (read.first ?? new Uint8Array(0)));
}

function onError(this: ReadRequest, error: Error): void {
  this[READ]!.fail(new BadRequest("The request body was cut short", { cause: error }));
}

function onClose(this: ReadRequest): void {
  if (this.complete) return;
  this[READ]!.fail(new BadRequest("The request body was cut short"));
}

/**
 * Reads a node request body with `data`/`end` listeners (cheaper than its async iterator):
 * a 413 as soon as it passes `limit` bytes, after which the rest flows away unread (`res`
 * gets `Connection: close`); a 400 when the client cuts it short, even if it left before the
 * read began; when `stop` aborts, the read ends the same way as past the limit. A second
 * read of a request whose read is under way shares that read. With `then`, the promise is of
 * `then(bytes)`, called as the body ends (a throw rejects it).
 */
export function readNodeBody(req: IncomingMessage, res: ServerResponse, limit: number, stop?: ReadStop): Promise<Uint8Array>;
export function readNodeBody(req: IncomingMessage, res: ServerResponse, limit: number, stop: ReadStop | undefined, then: BodyThen | undefined): Promise<unknown>;
export function readNodeBody(req: IncomingMessage, res: ServerResponse, limit: number, stop?: ReadStop, then?: BodyThen): Promise<unknown> {
  const current = (req as ReadRequest)[READ];
  if (current !== undefined && !current.done) {
    stop?.settled();
    return readThen(current.whenBytes(), then);
  }
  // The client left before the handler asked: no event is coming, so answer now.
  if (req.destroyed && !req.complete) {
    stop?.settled();
    return Promise.reject(new BadRequest("The request body was cut short"));
  }
  const read = new NodeBodyRead(req, res, limit, stop, then);
  if (stop?.aborted === true) {
    read.halt();
    return read.promise;
  }
  (req as ReadRequest)[READ] = read;
  stop?.onStop(read.halt);
  req.on("data", onData);
  req.on("end", onEnd);
  req.on("error", onError);
  req.on("close", onClose);
  return read.promise;
}
