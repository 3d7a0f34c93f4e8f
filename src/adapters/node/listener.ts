import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "../../app/app.js";
import type { ViewResponse } from "../../core/response.js";
import { isThenable } from "../../core/thenable.js";
import { NodeSource } from "./node-source.js";
import { writeNodeResponse } from "./write-response.js";

/** The node writer of `app`, made once: writes a response to its source's `res`. */
export function nodeWriter(app: App): (response: ViewResponse, source: NodeSource<unknown>) => void {
  const logger = app.logger;
  const failed = (error: unknown) => logger.error("writing a response failed", error);
  return (response, source) => {
    const written = writeNodeResponse(source.res, response, source.method, app.closing, logger);
    if (written !== undefined) written.catch(failed);
  };
}

/**
 * A `(req, res)` listener for any node:http (or https, http2-compat) server, serving `app`.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { App } from "methodview";
 * import { toNodeListener } from "methodview/node";
 *
 * const app = new App();
 * app.route("/", () => "hello");
 * createServer(toNodeListener(app)).listen(3000);
 * ```
 */
export function toNodeListener(app: App): (req: IncomingMessage, res: ServerResponse) => void {
  const write = nodeWriter(app);
  return function methodviewListener(req, res) {
    const url = req.url ?? "/";
    const routed = app.resolve(url);
    // The source carries the routed target, so that `ctx.request` is built from the same path.
    const source = new NodeSource(req, res, routed?.target.url ?? url);
    if (routed !== undefined) {
      app.handleRouted(source, routed, write, true);
      return;
    }
    const out = app.handle(source);
    if (isThenable(out)) out.then((response) => write(response, source));
    else write(out, source);
  };
}
