import type { BodyStop } from "./bounded-read.js";

/** The key of {@link SourceFastPaths.[READ_BODY]}. */
export const READ_BODY = Symbol("methodview.readBody");
/** What a read does with the bytes as it ends (see {@link SourceFastPaths.[READ_BODY]}). */
export type BodyThen = (bytes: Uint8Array) => unknown;

/** `read`, then `then` on its bytes: a {@link SourceFastPaths.[READ_BODY]} that reads another way. */
export function readThen(read: Promise<Uint8Array>, then: BodyThen | undefined): Promise<unknown> {
  return then === undefined ? read : read.then(then);
}

/** The key of {@link SourceFastPaths.[CONTENT_TYPE]}. */
export const CONTENT_TYPE = Symbol("methodview.contentType");

/**
 * What this package's own sources offer the App beside their `RequestSource` face,
 * to spare a request what the portable face costs. Both are optional: the App falls back
 * to `readBody()` and `headers()` without them (a source from another copy, say).
 */
export interface SourceFastPaths {
  /**
   * `readBody()`, told to stop through the {@link BodyStop} itself rather than an `AbortSignal`,
   * keeping `ReadStop`'s contract: it rejects with `stop.reason` as soon as the stop fires,
   * and calls `stop.settled()` when it settles. With `then`, the promise is of `then(bytes)`
   * (a throw rejects it), called as the read ends: a JSON body is parsed in the step that
   * read it, and the bytes are never a promise's value.
   */
  [READ_BODY]?(limit: number, stop: BodyStop, then?: BodyThen): Promise<unknown>;
  /** What `headers().get("content-type")` gives, without building the `Headers`. */
  [CONTENT_TYPE]?(): string | null;
}
