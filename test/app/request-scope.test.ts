import "reflect-metadata";
import { container as rootContainer, inject, injectable, Lifecycle, scoped } from "tsyringe";
import { afterEach, describe, expect, it } from "vitest";
import { App, CONTEXT, MethodView, type RequestContext } from "../../src/index.js";
import { servers } from "./support.js";

const serve = servers();

afterEach(() => {
  rootContainer.reset();
});

/** Three users, one after another, over real HTTP: each must see only themself. */
async function whoIsEach(app: App): Promise<unknown[]> {
  const { url } = await serve.node(app);
  const seen: unknown[] = [];
  for (const user of ["alice", "bob", "carol"]) {
    const response = await fetch(`${url}/me`, { headers: { "x-user-id": user } });
    seen.push(await response.json());
  }
  return seen;
}

const EACH_OWN = [{ id: "alice" }, { id: "bob" }, { id: "carol" }];

describe("ctx.container and Lifecycle.ContainerScoped", () => {
  it("gives every request its own instance of a @scoped() service declared after new App()", async () => {
    const app = new App();

    @scoped(Lifecycle.ContainerScoped)
    class CurrentUser {
      readonly id: string;
      constructor(@inject(CONTEXT) ctx: RequestContext) {
        this.id = ctx.headers.get("x-user-id") ?? "anonymous";
      }
    }

    @injectable()
    class Me extends MethodView {
      constructor(private readonly user: CurrentUser) {
        super();
      }
      get() {
        return { id: this.user.id };
      }
    }

    app.register("/me", Me);
    expect(await whoIsEach(app)).toEqual(EACH_OWN);
  });

  it("copies a scoped registration made on an ancestor after the App's own container was given", async () => {
    const appContainer = rootContainer.createChildContainer();
    const app = new App({ container: appContainer.createChildContainer() });

    class CurrentUser {
      readonly id: string;
      constructor(@inject(CONTEXT) ctx: RequestContext) {
        this.id = ctx.headers.get("x-user-id") ?? "anonymous";
      }
    }
    injectable()(CurrentUser);
    appContainer.register(CurrentUser, CurrentUser, { lifecycle: Lifecycle.ContainerScoped });

    app.route("/me", (ctx) => ({ id: ctx.container.resolve(CurrentUser).id }));
    expect(await whoIsEach(app)).toEqual(EACH_OWN);
  });

  it("keeps the nearest registration of a token: the App's own wins over an ancestor's", async () => {
    const app = new App();
    class RootWho {
      readonly id = "from the root";
    }
    rootContainer.register("who", { useClass: RootWho }, { lifecycle: Lifecycle.ContainerScoped });
    app.container.register("who", { useValue: { id: "from the app" } });
    app.route("/me", (ctx) => ctx.container.resolve<{ id: string }>("who"));
    const seen = await whoIsEach(app);
    expect(seen).toEqual([{ id: "from the app" }, { id: "from the app" }, { id: "from the app" }]);
  });
});
