import { container as rootContainer } from "tsyringe";
import { CONTEXT, Dispatcher, type RequestContext } from "../../src/index.js";

/**
 * A request context for testing the core alone, before any App: the interface the App and
 * the adapters fill, filled by hand.
 */
export function makeContext(method: string, init: { path?: string; body?: unknown; params?: Record<string, string> } = {}): RequestContext {
  const appContainer = rootContainer.createChildContainer();
  let requestContainer: ReturnType<typeof appContainer.createChildContainer> | undefined;
  const ctx: RequestContext = {
    method,
    path: init.path ?? "/",
    params: init.params ?? {},
    query: new URLSearchParams(),
    headers: new Headers(),
    get request() {
      return new Request(`http://localhost${init.path ?? "/"}`, { method });
    },
    json: async <T,>() => init.body as T,
    text: async () => JSON.stringify(init.body),
    form: async () => new FormData(),
    body: async () => new TextEncoder().encode(JSON.stringify(init.body)),
    state: {},
    signal: new AbortController().signal,
    waitUntil: () => undefined,
    get container() {
      if (requestContainer === undefined) {
        requestContainer = appContainer.createChildContainer();
        requestContainer.register(CONTEXT, { useValue: ctx });
      }
      return requestContainer;
    },
    app: { dispatcher: new Dispatcher(), container: appContainer, addBackgroundTask: () => undefined },
    raw: undefined,
    rule: undefined,
    endpoint: undefined,
    blueprint: undefined,
    afterThisRequest: () => undefined,
  };
  return ctx;
}
