import type * as Methodview from "../../src/index.js";
import type { App, RequestContext } from "../../src/index.js";
import { HOOK_HEADER, HOOK_USER } from "../scenarios.js";
import { BenchItem } from "./bench-schema.js";
import { HOOKS, hello, importOrSkip } from "./env.js";

/**
 * The App every methodview server serves: one MethodView per scenario, written as the
 * README writes them, from the BUILT package (dist/, through the package's own exports).
 * With `HOOKS=1` a beforeRequest and an afterRequest hook run on every request.
 */
export async function methodviewApp(options: { asyncContext?: boolean } = {}): Promise<App> {
  const { App, MethodView, get, post } = await importOrSkip<typeof Methodview>("methodview");

  class Hello extends MethodView {
    get() {
      return hello();
    }
  }

  class Users extends MethodView {
    @get("/:id")
    show(ctx: RequestContext) {
      return { id: ctx.params.id };
    }
  }

  class Echo extends MethodView {
    async post(ctx: RequestContext) {
      return await ctx.json();
    }
  }

  class AsyncHello extends MethodView {
    async get() {
      return await Promise.resolve(hello());
    }
  }

  class Hooked extends MethodView {
    get(ctx: RequestContext) {
      return { ...hello(), user: ctx.state.user };
    }
  }

  class Validated extends MethodView {
    @post({ body: BenchItem })
    create(ctx: Methodview.Valid<{ body: typeof BenchItem }>) {
      return ctx.valid.body;
    }
  }

  const app = new App(options);
  app.register("/json", Hello);
  app.register("/users", Users);
  app.register("/echo", Echo);
  app.register("/async", AsyncHello);
  app.register("/hooks", Hooked);
  app.register("/validated", Validated);
  if (HOOKS) {
    app.beforeRequest((ctx) => {
      ctx.state.user = HOOK_USER;
    });
    app.afterRequest((response) => {
      response.setHeader(HOOK_HEADER, "1");
    });
  }
  return app;
}
