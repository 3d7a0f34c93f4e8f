import type { BodyStop } from "./bounded-read.js";

/** The key of {@link SourceFastPaths.[READ_BODY]}. */
export const READ_BODY = Symbol("methodview.readBody");
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
   * and calls `stop.settled()` when it settles.
   */
  [READ_BODY]?(limit: number, stop: BodyStop): Promise<Uint8Array>;
  /** What `headers().get("content-type")` gives, without building the `Headers`. */
  [CONTENT_TYPE]?(): string | null;
}
