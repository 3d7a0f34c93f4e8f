import type { ServerResponse } from "node:http";

const ON_ABORT = Symbol("methodview.onAbort");

/** A response whose close is watched: what to call rides on it, for the one shared listener. */
type WatchedResponse = ServerResponse & { [ON_ABORT]?: () => void };

function onResponseClose(this: WatchedResponse): void {
  if (!this.writableFinished) this[ON_ABORT]?.();
}

/**
 * Calls `onAbort` when `res` closes before its response finished (the client went away),
 * at once if it already did. One listener function serves every response (the emitter
 * calls it with itself as `this`), so a watch costs no closure and no `once` wrapper; a
 * second watch of the same response gets a listener of its own.
 */
export function watchResponseClose(res: ServerResponse, onAbort: () => void): void {
  if (res.destroyed && !res.writableFinished) {
    onAbort();
    return;
  }
  const watched = res as WatchedResponse;
  if (watched[ON_ABORT] === undefined) {
    watched[ON_ABORT] = onAbort;
    res.on("close", onResponseClose);
    return;
  }
  res.once("close", () => {
    if (!res.writableFinished) onAbort();
  });
}
