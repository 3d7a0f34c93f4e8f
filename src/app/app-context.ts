import type { DependencyContainer } from "tsyringe";
import { CONTEXT, type RequestContext, type ViewHost } from "../core/context.js";
import type { ViewResponse } from "../core/response.js";
import { METHOD_TABLE } from "../core/method-view.js";
import type { MethodTable } from "../core/method-table.js";
import { assertJsonType, checkParsedJson, decodeText, parseJson } from "./body.js";
import { boundedRead, stoppableRead, type AbortWatch, type BodyStop } from "./bounded-read.js";
import { parseMediaType, type MediaType } from "./media-type.js";
import { createRequestContainer } from "./request-container.js";
import { NO_PARAMS } from "./url-map.js";
import type { ValidRecord } from "../contract/route-contract.js";
import { presentForm } from "../contract/present.js";
import { isFormType, parseForm, type FormLimits } from "./form.js";
import type { RequestSource } from "./request-source.js";
import { CONTENT_TYPE, READ_BODY, readThen, type BodyThen, type SourceFastPaths } from "./source-fast-paths.js";
import { brand, isInstance } from "../core/brand.js";

/** What the App lends each context: its container, body limits and background tracker. */
export interface ContextHost extends ViewHost {
  readonly bodyLimit: number;
  readonly formLimits: Required<FormLimits>;
  readonly bodyTimeout: number;
  track(work: PromiseLike<unknown>, ctx: RequestContext | undefined): void;
}

const BODYLESS = new Set(["GET", "HEAD"]);

/** Whether headers announce a body: a length above 0, or a transfer coding. */
function declaresBody(headers: Headers): boolean {
  return Number(headers.get("content-length")) > 0 || headers.has("transfer-encoding");
}

/** A JSON body's bytes as the value: UTF-8, then {@link parseJson}. */
function parseJsonBytes(bytes: Uint8Array): unknown {
  return parseJson(decodeText(bytes));
}

const EMPTY_VALID: ValidRecord = Object.freeze({});

/** The parts of a context that cost a field each and that most requests never touch. */
class LazyParts implements AbortWatch {
  request: Request | undefined = undefined;
  container: DependencyContainer | undefined = undefined;
  controller: AbortController | undefined = undefined;
  abortReason: unknown = undefined;
  /** Whether the source tells this context when the client goes away (`watchAbort()`, once). */
  watching = false;
  /** The body read under way, stopped on an abort: the read needs no `signal` of its own. */
  reading: BodyStop | undefined = undefined;
  body: Promise<Uint8Array> | undefined = undefined;
  json: Promise<unknown> | undefined = undefined;
  /** The bytes of a read that parsed them as it ended (see {@link AppContext.json}), once it did. */
  bytes: Uint8Array | undefined = undefined;
  /** Whether `json` is such a read: `body` is then made from it on first use. */
  jsonReadsBody = false;
  form: Promise<FormData> | undefined = undefined;
}


/**
 * The request context the App builds for every request, over any host's
 * {@link RequestSource}. Everything that costs anything is built on first read.
 */
export class AppContext<Raw = unknown> implements RequestContext<Raw> {
  readonly method: string;
  path: string;
  params: Record<string, string> = NO_PARAMS;
  [METHOD_TABLE]: MethodTable | undefined = undefined;
  /** The first error thrown during the request, handled or not (for metrics and logs). */
  error: unknown = undefined;
  /** The error no error handler answered, if any: what teardown hooks receive, as in Flask. */
  unhandledError: unknown = undefined;
  /** The matched rule's pattern (`/users/:id`); undefined when no rule matched (404, 405). */
  rule: string | undefined = undefined;
  /** The matched rule's endpoint (`users/:id`, `admin.users`); undefined when no rule matched. */
  endpoint: string | undefined = undefined;
  /** @internal The hooks `afterThisRequest()` added, in registration order. */
  afterThisRequestHooks: ((response: ViewResponse, ctx: RequestContext) => unknown)[] | undefined = undefined;
  /** The outputs of the route's input schemas (see docs/validation.md); empty without any. */
  valid: ValidRecord = EMPTY_VALID;

  private readonly queryString: string;
  private queryCache: URLSearchParams | undefined = undefined;
  private headersCache: Headers | undefined = undefined;
  private stateCache: Record<string, unknown> | undefined = undefined;
  /** What few requests use, made on first use: the context is built for every request. */
  private lazy: LazyParts | undefined = undefined;
  private responded: Promise<void> | true | undefined = undefined;
  private markResponded: (() => void) | undefined = undefined;

  constructor(
    readonly app: ContextHost,
    /** @internal The host's request, as its adapter gave it. */
    readonly source: RequestSource<Raw>,
    path: string,
    queryString: string,
  ) {
    this.method = source.method;
    this.path = path;
    this.queryString = queryString;
  }

  private get parts(): LazyParts {
    return (this.lazy ??= new LazyParts());
  }

  /** The blueprint of the matched endpoint (`admin`, `parent.child`), as Flask's `request.blueprint`. */
  get blueprint(): string | undefined {
    const dot = this.endpoint?.lastIndexOf(".") ?? -1;
    return dot === -1 ? undefined : this.endpoint!.slice(0, dot);
  }

  /** Runs `fn(response, ctx)` after this request's view, before the after hooks: Flask's `after_this_request`. */
  afterThisRequest(fn: (response: ViewResponse, ctx: RequestContext) => unknown): void {
    if (typeof fn !== "function") throw new TypeError(`afterThisRequest(fn) expects a function, got ${typeof fn}`);
    (this.afterThisRequestHooks ??= []).push(fn);
  }

  get raw(): Raw {
    return this.source.raw;
  }

  get query(): URLSearchParams {
    return (this.queryCache ??= new URLSearchParams(this.queryString));
  }

  get headers(): Headers {
    return (this.headersCache ??= this.source.headers());
  }

  get request(): Request {
    const parts = this.parts;
    return (parts.request ??= this.bodyBoundRequest());
  }

  /**
   * The host's `Request`, its body replaced by `body()`: whoever reads it (`formData()`,
   * `text()`, `arrayBuffer()`, the stream) reads under the App's rules, and `ctx.body()`,
   * `ctx.text()`, `ctx.json()` and it share one read, in any order.
   */
  private bodyBoundRequest(): Request {
    const request = this.source.toRequest();
    if (BODYLESS.has(request.method) || (request.body === null && !declaresBody(request.headers))) return request;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) =>
        this.body().then(
          (bytes) => {
            if (bytes.byteLength > 0) controller.enqueue(bytes);
            controller.close();
          },
          (error: unknown) => controller.error(error),
        ),
    });
    const init: RequestInit & { duplex: "half" } = { method: request.method, headers: request.headers, signal: this.signal, body, duplex: "half" };
    return new Request(request.url, init);
  }

  get state(): Record<string, unknown> {
    return (this.stateCache ??= {});
  }

  get container(): DependencyContainer {
    const parts = this.parts;
    if (parts.container === undefined) {
      parts.container = createRequestContainer(this.app.container);
      parts.container.register(CONTEXT, { useValue: this });
    }
    return parts.container;
  }

  get signal(): AbortSignal {
    const parts = this.parts;
    if (parts.controller === undefined) {
      const controller = (parts.controller = new AbortController());
      if (parts.abortReason !== undefined) controller.abort(parts.abortReason);
      else this.watchClient(parts);
    }
    return parts.controller.signal;
  }

  /** Has the source abort this context when the client goes away, once. */
  private watchClient(parts: LazyParts): void {
    if (parts.watching) return;
    parts.watching = true;
    this.source.watchAbort(() => this.abort(new DOMException("The client went away", "AbortError")));
  }

  /** Aborts `signal` (client gone, time limit); a signal read later starts aborted. */
  abort(reason: unknown): void {
    const parts = this.parts;
    if (parts.controller !== undefined) {
      parts.controller.abort(reason);
      parts.abortReason ??= parts.controller.signal.reason;
    } else {
      parts.abortReason ??= reason;
    }
    if (parts.reading !== undefined && parts.abortReason !== undefined) parts.reading.abort(parts.abortReason);
  }

  /** Whether the request was aborted. */
  get aborted(): boolean {
    const parts = this.lazy;
    if (parts === undefined) return false;
    return parts.controller !== undefined ? parts.controller.signal.aborted : parts.abortReason !== undefined;
  }

  /** Settles once the App has this request's response; background tasks start after it. */
  whenResponded(): Promise<void> {
    if (this.responded === true) return Promise.resolve();
    if (this.responded === undefined) this.responded = new Promise<void>((resolve) => (this.markResponded = resolve));
    return this.responded;
  }

  /** @internal Called by the App when the request's pipeline settled. */
  settle(): void {
    this.responded = true;
    this.markResponded?.();
  }

  waitUntil(work: PromiseLike<unknown>): void {
    this.app.track(work, this);
  }

  /**
   * The raw body, read once, within the App's `bodyLimit` and `bodyTimeout`; it rejects
   * with a 400 as soon as the client goes away or `handlerTimeout` passes.
   */
  body(): Promise<Uint8Array> {
    const parts = this.parts;
    if (parts.body === undefined) {
      parts.body = parts.jsonReadsBody
        ? parts.json!.then(
            () => parts.bytes!,
            // The read succeeded if it kept the bytes: the JSON in them was bad, not the body.
            (error: unknown) => parts.bytes ?? Promise.reject(error),
          )
        : (this.readBody(parts, undefined) as Promise<Uint8Array>);
    }
    return parts.body;
  }

  /**
   * Starts the one read of the body, within the App's `bodyLimit` and `bodyTimeout`. With
   * `then`, a source that can runs it on the bytes as they end (the promise is of its
   * result); one that cannot, after.
   */
  private readBody(parts: LazyParts, then: BodyThen | undefined): Promise<unknown> {
    // As `signal` would: a client already gone aborts the context now, and the read with it.
    if (parts.abortReason === undefined) this.watchClient(parts);
    const source = this.source as RequestSource<Raw> & SourceFastPaths;
    const limit = this.app.bodyLimit;
    const timeout = this.app.bodyTimeout;
    return source[READ_BODY] !== undefined
      ? stoppableRead(source[READ_BODY], source, limit, parts, timeout, then)
      : readThen(boundedRead(source, limit, parts, timeout), then);
  }

  /** The body as text, in its declared charset (UTF-8 when none); see `body()` and docs/app.md. */
  text(): Promise<string> {
    try {
      const charset = this.mediaType()?.charset;
      return this.body().then((bytes) => decodeText(bytes, charset));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The body as JSON, by the same rules on every host, a host parser's value included. */
  json<T = unknown>(): Promise<T> {
    const parts = this.parts;
    if (parts.json === undefined) {
      try {
        const header = this.contentType();
        this.readJson(parts, header, parseMediaType(header));
      } catch (error) {
        parts.json = Promise.reject(error);
      }
    }
    return parts.json as Promise<T>;
  }

  /** Starts the JSON read of {@link json} and {@link input}, given the `Content-Type` and its parse. */
  private readJson(parts: LazyParts, header: string | null, media: MediaType | undefined): void {
    try {
      assertJsonType(media, header);
      const parsed = this.source.parsedBody();
      if (parsed !== undefined) parts.json = Promise.resolve(checkParsedJson(parsed.value));
      else if (parts.body !== undefined) parts.json = parts.body.then(parseJsonBytes);
      else {
        // One read that parses as it ends: no promise of the bytes, no step between the read and the parse.
        parts.jsonReadsBody = true;
        parts.json = this.readBody(parts, (bytes) => {
          parts.bytes = bytes;
          return parseJsonBytes(bytes);
        });
      }
    } catch (error) {
      parts.json = Promise.reject(error);
    }
  }

  /**
   * Reads a `application/x-www-form-urlencoded` or `multipart/form-data` body as a Web
   * `FormData` (files as `File`s), within `bodyLimit` and the App's `formLimits`: 415 for
   * another type, 400 when malformed, 413 past a limit.
   */
  form(): Promise<FormData> {
    const parts = this.parts;
    if (parts.form === undefined) {
      try {
        const media = this.mediaType();
        const header = this.contentType() ?? undefined;
        parts.form = this.body().then((bytes) => parseForm(bytes, media, header, this.app.formLimits));
      } catch (error) {
        parts.form = Promise.reject(error);
      }
    }
    return parts.form;
  }

  /** @internal The body as a `body` schema sees it: a form as a record, anything else as JSON. */
  input(): Promise<unknown> {
    try {
      // The content type is read once, for the choice and the JSON read both.
      const header = this.contentType();
      const media = parseMediaType(header);
      if (isFormType(media)) return this.form().then(presentForm);
      const parts = this.parts;
      if (parts.json === undefined) this.readJson(parts, header, media);
      return parts.json!;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** `instanceof` that also accepts this class from another copy of methodview (ESM and CommonJS). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, value);
  }

  /** The `Content-Type` as every host sees it, repeats included (two that differ are a 415). */
  private mediaType(): MediaType | undefined {
    return parseMediaType(this.contentType());
  }

  /** `headers.get("content-type")`, without building `headers` when the source can say. */
  private contentType(): string | null {
    if (this.headersCache !== undefined) return this.headersCache.get("content-type");
    const source = this.source as RequestSource<Raw> & SourceFastPaths;
    return source[CONTENT_TYPE] !== undefined ? source[CONTENT_TYPE]() : this.headers.get("content-type");
  }
}
brand(AppContext, "AppContext");
