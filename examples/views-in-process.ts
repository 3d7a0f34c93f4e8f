/**
 * A View and a MethodView dispatched in process, without a server: each request is a
 * hand-made RequestContext, each result is normalised with toViewResponse().
 *
 * Run it with `node --import @swc-node/register/esm-register examples/views-in-process.ts`.
 */
import "reflect-metadata";
import { fileURLToPath } from "node:url";
import { container, type DependencyContainer } from "tsyringe";
import {
  CONTEXT,
  Dispatcher,
  MethodView,
  View,
  errorResponse,
  post,
  type RequestContext,
  type ViewFunction,
  type ViewResponse,
} from "../src/index.js";
import { isThenable, toViewResponse } from "../src/host/index.js";

interface Todo {
  id: number;
  title: string;
}

class Hello extends View {
  static override methods = ["GET", "POST"];

  dispatchRequest(ctx: RequestContext) {
    return `Hello from ${ctx.method}`;
  }
}

class Todos extends MethodView {
  constructor(private readonly todos: Todo[]) {
    super();
  }

  get() {
    return this.todos;
  }

  @post
  async create(ctx: RequestContext) {
    const { title } = await ctx.json<{ title: string }>();
    const todo = { id: this.todos.length + 1, title };
    this.todos.push(todo);
    return [todo, 201];
  }
}

/** A request context filled by hand: what the App and the adapters build for real. */
function contextFor(method: string, body?: unknown): RequestContext {
  const appContainer = container.createChildContainer();
  let requestContainer: DependencyContainer | undefined;
  const ctx: RequestContext = {
    method,
    path: "/",
    params: {},
    query: new URLSearchParams(),
    headers: new Headers(),
    get request() {
      return new Request("http://localhost/", { method });
    },
    json: async <T>() => body as T,
    text: async () => JSON.stringify(body),
    form: async () => new FormData(),
    body: async () => new TextEncoder().encode(JSON.stringify(body)),
    state: {},
    signal: new AbortController().signal,
    waitUntil: () => undefined,
    get container() {
      requestContainer ??= appContainer.createChildContainer().register(CONTEXT, { useValue: ctx });
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

/** Calls a view function and describes its response in one line. */
async function dispatch(view: ViewFunction, method: string, body?: unknown): Promise<string> {
  let response: ViewResponse;
  let mode = "sync";
  try {
    const result = view(contextFor(method, body));
    if (isThenable(result)) mode = "async";
    response = toViewResponse(await result);
  } catch (error) {
    response = errorResponse(error);
  }
  const allow = response.getHeader("allow");
  const detail = allow === undefined ? String(response.body) : `allow: ${allow}`;
  return `${method} ${view.viewName} (${mode}) -> ${response.status} ${detail}`;
}

/** Serves a few requests and prints one line per response; returns the printed lines. */
export async function main(): Promise<string[]> {
  const hello = Hello.asView("hello");
  const todos = Todos.asView("todos", [{ id: 1, title: "Write tests" }]);
  const lines = [
    await dispatch(hello, "GET"),
    await dispatch(hello, "POST"),
    await dispatch(todos, "GET"),
    await dispatch(todos, "POST", { title: "Ship it" }),
    await dispatch(todos, "GET"),
    await dispatch(todos, "OPTIONS"),
    await dispatch(todos, "DELETE"),
  ];
  for (const line of lines) console.log(line);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
