import "reflect-metadata";
import { Agent } from "node:http";
import { inject, Lifecycle, scoped } from "tsyringe";
import { afterEach, describe, expect, it } from "vitest";
import { App, CONTEXT, currentContext, type RequestContext } from "../../src/index.js";
import { httpRequest, servers, sleep } from "./support.js";

const serve = servers();
const agents: Agent[] = [];
const REQUESTS = 2000;

afterEach(() => {
  for (const agent of agents.splice(0)) agent.destroy();
});

/** One instance per request container, knowing its request through CONTEXT. */
@scoped(Lifecycle.ContainerScoped)
class RequestIdentity {
  constructor(@inject(CONTEXT) private readonly ctx: RequestContext) {}
  get id(): string | null {
    return this.ctx.headers.get("x-request-id");
  }
}

const randomDelay = () => sleep(Math.floor(Math.random() * 6));

interface Echo {
  param: string | undefined;
  query: string | null;
  fromContext: string | null;
  fromService: string | null;
  oneServicePerRequest: boolean;
}

describe("concurrent requests over HTTP", () => {
  it(`keeps ${REQUESTS} requests in flight apart: context, params and request-scoped services`, async () => {
    const app = new App();
    let inFlight = 0;
    let peak = 0;
    app.route("/echo/:id", async (ctx): Promise<Echo> => {
      peak = Math.max(peak, ++inFlight);
      try {
        await randomDelay();
        const service = ctx.container.resolve(RequestIdentity);
        await randomDelay();
        const fromContext = currentContext().headers.get("x-request-id");
        await randomDelay();
        return {
          param: currentContext().params.id,
          query: ctx.query.get("id"),
          fromContext,
          fromService: service.id,
          oneServicePerRequest: ctx.container.resolve(RequestIdentity) === service,
        };
      } finally {
        inFlight--;
      }
    });
    const { url } = await serve.listen(app);
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    agents.push(agent);

    const ids = Array.from({ length: REQUESTS }, (_, i) => `req-${i}`);
    const responses = await Promise.all(
      ids.map((id) => httpRequest(`${url}/echo/${id}?id=${id}`, { headers: { "x-request-id": id }, agent })),
    );

    const mismatches = responses.flatMap((response, i) => {
      const id = ids[i]!;
      if (response.status !== 200) return [`${id}: status ${response.status}`];
      const echo = JSON.parse(response.body) as Echo;
      const expected: Echo = { param: id, query: id, fromContext: id, fromService: id, oneServicePerRequest: true };
      return JSON.stringify(echo) === JSON.stringify(expected) ? [] : [`${id}: ${response.body}`];
    });
    expect(mismatches).toEqual([]);
    expect(responses).toHaveLength(REQUESTS);
    // The requests did overlap on the server: this is a test of concurrency, not of a queue.
    expect(peak).toBeGreaterThan(1);
  }, 60_000);
});
