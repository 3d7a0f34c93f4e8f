import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "../../app/app.js";
import type { ViewResponse } from "../../core/response.js";
import { isThenable } from "../../core/thenable.js";
import { NodeSource, type NodeRaw } from "./node-source.js";
import { writeNodeResponse } from "./write-response.js";

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
  const logger = app.logger;
  return function methodviewListener(req, res) {
    const method = req.method ?? "GET";
    const write = (response: ViewResponse) => {
      const written = writeNodeResponse(res, response, method, app.closing, logger);
      if (written !== undefined) written.catch((error: unknown) => logger.error("writing a response failed", error));
    };
    const url = req.url ?? "/";
    const routed = app.resolve(url);
    // The source carries the routed target, so that `ctx.request` is built from the same path.
    const source = new NodeSource<NodeRaw>(req, res, { req, res }, routed?.target.url ?? url);
    const out = routed === undefined ? app.handle(source) : app.handleRouted(source, routed);
    if (isThenable(out)) out.then(write);
    else write(out);
  };
}
