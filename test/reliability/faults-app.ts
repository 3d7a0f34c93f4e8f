import { App, View, type Handler, type RequestContext } from "../../src/index.js";

/** Where a fault is injected. */
export type Phase = "decorator" | "before" | "handler" | "after" | "teardown" | "errorHandler" | "background" | "stream";
/**
 * A sync throw or an async rejection. For a stream: an async iterable whose `next()` throws
 * (sync) or rejects (async) after the first chunk, or a `ReadableStream` that errors after it.
 */
export type Kind = "sync" | "async" | "readable-stream";

/** The fault nothing handles: a 500. Its message holds "secret", which must never reach a client. */
export class Fault extends Error {
  override name = "Fault";
}
/** A fault an error handler answers with 422. */
export class HandledFault extends Error {
  override name = "HandledFault";
}
/** What the view throws to reach the faulty error handler. */
export class ToErrorHandler extends Error {
  override name = "ToErrorHandler";
}

/** What the App saw, per request id: teardowns, background failures, the logger's calls. */
export interface FaultRecords {
  /** id -> the error the last teardown saw (`null` for none): proof that teardown ran. */
  readonly teardowns: Map<string, unknown>;
  readonly background: { error: unknown; id: string | null }[];
  readonly logged: { level: "error" | "warn"; message: string; error: unknown }[];
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 1));
const query = (ctx: RequestContext, name: string) => ctx.query.get(name) ?? "";

/** Throws or rejects, as the request's `kind` says, when `phase` is the request's phase. */
function faultAt(ctx: RequestContext, phase: Phase): void | Promise<void> {
  if (query(ctx, "phase") !== phase) return undefined;
  const Class = query(ctx, "handled") === "1" ? HandledFault : Fault;
  const error = new Class(`secret ${phase} failure of ${query(ctx, "id")}`);
  if (query(ctx, "kind") === "sync") throw error;
  return pause().then(() => Promise.reject(error));
}

/** A body that yields one chunk, then fails: `next()` throws (sync) or rejects (async), or the stream errors. */
function failingBody(ctx: RequestContext): AsyncIterable<string> | ReadableStream<Uint8Array> {
  const error = new Fault(`secret stream failure of ${query(ctx, "id")}`);
  if (query(ctx, "kind") === "readable-stream") {
    let pulls = 0;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (pulls++ === 0) return controller.enqueue(new TextEncoder().encode("first chunk;"));
        await pause();
        controller.error(error);
      },
    });
  }
  let calls = 0;
  return {
    [Symbol.asyncIterator]: () => ({
      next() {
        if (calls++ === 0) return Promise.resolve({ value: "first chunk;", done: false });
        if (query(ctx, "kind") === "sync") throw error;
        return pause().then(() => Promise.reject(error));
      },
    }),
  };
}

const faultyDecorator = (view: Handler): Handler =>
  function decorated(ctx) {
    const fault = faultAt(ctx, "decorator");
    return fault === undefined ? view(ctx) : fault.then(() => view(ctx));
  };

/**
 * The App of the faults suite: one View at `/fault` (with a faulty decorator) and hooks, error
 * handlers, teardowns and background work that fail when the query says so:
 * `?phase=handler&kind=async&handled=1&id=x`. Nothing else changes between requests.
 */
export function faultsApp(): { app: App; records: FaultRecords } {
  const records: FaultRecords = { teardowns: new Map(), background: [], logged: [] };
  const app = new App({
    logger: {
      error: (message, error) => void records.logged.push({ level: "error", message, error }),
      warn: (message, error) => void records.logged.push({ level: "warn", message, error }),
    },
    onBackgroundError: (error, ctx) => void records.background.push({ error, id: ctx?.query.get("id") ?? null }),
  });

  class FaultView extends View {
    static override decorators = [faultyDecorator];

    dispatchRequest(ctx: RequestContext) {
      if (query(ctx, "phase") === "errorHandler") throw new ToErrorHandler(`secret trigger of ${query(ctx, "id")}`);
      if (query(ctx, "phase") === "stream") return failingBody(ctx);
      if (query(ctx, "phase") === "background") {
        const id = query(ctx, "id");
        app.addBackgroundTask(
          query(ctx, "kind") === "sync"
            ? () => {
                throw new Fault(`secret background failure of ${id}`);
              }
            : async () => {
                await pause();
                throw new Fault(`secret background failure of ${id}`);
              },
        );
      }
      const fault = faultAt(ctx, "handler");
      const body = [{ ok: query(ctx, "id") }, 200, { "x-original": "1" }];
      return fault === undefined ? body : fault.then(() => body);
    }
  }

  app.register("/fault", FaultView);
  app.beforeRequest((ctx) => faultAt(ctx, "before"));
  app.afterRequest((_response, ctx) => faultAt(ctx, "after"));
  // Registered first, so it runs last: it sees whether every teardown before it ran.
  app.teardownRequest((error, ctx) => void records.teardowns.set(query(ctx, "id"), error ?? null));
  app.teardownRequest((_error, ctx) => faultAt(ctx, "teardown"));
  app.errorHandler(HandledFault, (_error, ctx) => [{ handled: query(ctx, "id") }, 422]);
  app.errorHandler(ToErrorHandler, (_error, ctx) => faultAt(ctx, "errorHandler"));
  return { app, records };
}
