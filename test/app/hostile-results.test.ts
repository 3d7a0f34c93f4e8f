import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App } from "../../src/index.js";
import { targets } from "../adapters/targets.js";
import { silentLogger } from "./support.js";

// What a view returns is inspected (is it a thenable, a plain object, a stream?) before it
// becomes a response. A value whose inspection throws (a revoked Proxy, a trap or a getter
// that throws) must still be a 500 problem+json on every host, never an exception out of
// the host's request callback (a crash) or a request left without an answer (a hang).

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const throwingThen = () => ({
  get then(): unknown {
    throw new Error("secret then getter");
  },
});
const protoTrap = () =>
  new Proxy(
    {},
    {
      getPrototypeOf() {
        throw new Error("secret prototype trap");
      },
    },
  );
const getTrap = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error("secret get trap");
      },
    },
  );

const results: Record<string, () => unknown> = { "then-getter": throwingThen, revoked, "prototype-trap": protoTrap, "get-trap": getTrap };

/** Counts how often a throwing getter is read: a result is serialised once, not once per path it takes. */
let reads = 0;
const counted = () => ({
  get value(): unknown {
    reads++;
    throw new Error("secret getter");
  },
});

function hostileApp(hooks: boolean, asyncContext: boolean): App {
  const app = new App({ logger: silentLogger(), asyncContext });
  for (const [name, make] of Object.entries(results)) {
    app.route(`/sync/${name}`, () => make());
    app.route(`/async/${name}`, async () => {
      await Promise.resolve();
      return make();
    });
  }
  app.route("/counted", () => counted());
  if (hooks) app.afterRequest((response) => response);
  return app;
}

const cases = targets.flatMap((target) =>
  [false, true].flatMap((hooks) => [true, false].map((asyncContext) => ({ name: target.name, serve: target.serve, hooks, asyncContext }))),
);

describe.each(cases)("hostile results on $name, hooks $hooks, asyncContext $asyncContext", ({ serve, hooks, asyncContext }) => {
  const app = hostileApp(hooks, asyncContext);
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ url, close } = await serve(app));
  });

  afterAll(async () => {
    await close();
    await app.close();
  });

  it.each(Object.keys(results).flatMap((name) => [`/sync/${name}`, `/async/${name}`]))("answers %s with a 500 problem+json", async (path) => {
    const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(5000) });
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.text()).not.toContain("secret");
  });

  it("reads a result that cannot be serialised once", async () => {
    reads = 0;
    const response = await fetch(`${url}/counted`, { signal: AbortSignal.timeout(5000) });
    expect(response.status).toBe(500);
    expect(reads).toBe(1);
  });
});
