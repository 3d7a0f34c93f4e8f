import type { Handler } from "../core/view-function.js";

/** The handlers of the docs page's own routes, which the document leaves out. */
const hidden = new WeakSet<Handler>();

/** Marks a handler as one the document does not list. */
export function hide<H extends Handler>(handler: H): H {
  hidden.add(handler);
  return handler;
}

/** Whether the document leaves this handler out. */
export function isHidden(handler: Handler): boolean {
  return hidden.has(handler);
}
