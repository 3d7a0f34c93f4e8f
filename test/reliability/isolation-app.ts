import "reflect-metadata";
import { inject, injectable, Lifecycle, scoped } from "tsyringe";
import { App, CONTEXT, MethodView, currentContext, type RequestContext } from "../../src/index.js";

/** One instance per request container; it knows its request only through CONTEXT. */
@scoped(Lifecycle.ContainerScoped)
class RequestIdentity {
  /** The id seen when the container built this instance, kept to compare after the awaits. */
  readonly builtFor: string | null;

  constructor(@inject(CONTEXT) private readonly ctx: RequestContext) {
    this.builtFor = ctx.headers.get("x-request-id");
  }

  get id(): string | null {
    return this.ctx.query.get("id");
  }
}

/** What every isolation response carries: the request's id as each mechanism sees it. */
export interface IsolationEcho {
  id: string | null;
  context: string | null;
  state: unknown;
  before: unknown;
  service: string | null;
  serviceBuiltFor: string | null;
  oneServicePerRequest: boolean;
  sameContext: boolean;
}

const pick = <T>(choices: readonly T[]): T => choices[Math.floor(Math.random() * choices.length)]!;

/** One await of a random kind: a timer of 0 to 2 ms, a macrotask, a microtask or a tick. */
function anyAwait(): Promise<void> {
  return pick<() => Promise<void>>([
    () => new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3))),
    () => new Promise((resolve) => setImmediate(resolve)),
    () => Promise.resolve(),
    () => new Promise((resolve) => process.nextTick(resolve)),
  ])();
}

/** A few awaits of random kinds, so that concurrent handlers resume in a shuffled order. */
async function interleave(): Promise<void> {
  for (let i = 1 + Math.floor(Math.random() * 3); i > 0; i--) await anyAwait();
}

/**
 * Counts the requests inside handlers and holds them in waves: a handler waits at `gate()`
 * until `width` requests are inside at once (every client slot), or until every one of the
 * `total` requests has arrived (the tail). `patienceMs` keeps a wave that cannot fill from
 * hanging; `stalls` counts such waves.
 */
export class LoadGauge {
  inFlight = 0;
  maxInFlight = 0;
  arrived = 0;
  waves = 0;
  stalls = 0;
  private wave: { promise: Promise<void>; open: () => void; timer: NodeJS.Timeout } | undefined;

  constructor(
    private readonly width: number,
    private readonly total: number,
    private readonly patienceMs = 5000,
  ) {}

  enter(): void {
    this.arrived++;
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
  }

  leave(): void {
    this.inFlight--;
  }

  gate(): Promise<void> {
    if (this.wave === undefined) {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      const timer = setTimeout(() => {
        this.stalls++;
        this.release();
      }, this.patienceMs);
      this.wave = { promise, open, timer };
    }
    const { promise } = this.wave;
    if (this.inFlight >= this.width || this.arrived >= this.total) this.release();
    return promise;
  }

  private release(): void {
    if (this.wave === undefined) return;
    clearTimeout(this.wave.timer);
    this.wave.open();
    this.wave = undefined;
    this.waves++;
  }
}

@injectable()
class Isolate extends MethodView {
  constructor(
    private readonly identity: RequestIdentity,
    private readonly gauge: LoadGauge,
  ) {
    super();
  }

  async get(ctx: RequestContext): Promise<IsolationEcho> {
    this.gauge.enter();
    try {
      const id = ctx.query.get("id");
      ctx.state.id = id;
      await interleave();
      await this.gauge.gate();
      await interleave();
      const context = currentContext().headers.get("x-request-id");
      await interleave();
      return {
        id,
        context,
        state: ctx.state.id,
        before: ctx.state.before,
        service: this.identity.id,
        serviceBuiltFor: this.identity.builtFor,
        oneServicePerRequest: ctx.container.resolve(RequestIdentity) === this.identity,
        sameContext: currentContext() === ctx,
      };
    } finally {
      this.gauge.leave();
    }
  }
}

/**
 * The App of the isolation suite: `GET /isolate?id=...` (header `x-request-id` the same)
 * echoes the id read from `currentContext()`, from `ctx.state` written before the awaits, from
 * an async before hook, and from a request-scoped service injected into the view.
 */
export function isolationApp(gauge: LoadGauge): App {
  const logger = { error: (message: string, error?: unknown) => console.error(message, error), warn: () => undefined };
  const app = new App({ logger });
  app.container.register(LoadGauge, { useValue: gauge });
  app.beforeRequest(async (ctx) => {
    await interleave();
    ctx.state.before = currentContext().headers.get("x-request-id");
  });
  app.register("/isolate", Isolate);
  return app;
}
