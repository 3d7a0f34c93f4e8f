import { AsyncLocalStorage } from "node:async_hooks";

/** What a {@link Deadlines} entry tells when it falls due. */
export interface Expiring {
  expire(): void;
}

/**
 * A place in a {@link Deadlines} queue: `fire.expire()` runs once `at` (ms, `performance.now()`) has
 * passed. A class, not an object literal: V8 may pretenure a literal's allocation site (put
 * every later object from it straight into the old generation) after one scavenge finds
 * all of a burst's entries alive, and an old entry then keeps its request's young objects
 * alive through every scavenge until the next full collection.
 */
export class Deadline {
  prev: Deadline | undefined;
  next: Deadline | undefined = undefined;
  queued = true;
  constructor(
    readonly at: number,
    public fire: Expiring | undefined,
    prev: Deadline | undefined,
  ) {
    this.prev = prev;
  }
}

// The timer is armed from the context the module loaded in, so that it keeps no request's
// async context (AsyncLocalStorage stores) alive while it waits.
const outside = AsyncLocalStorage.snapshot();

/**
 * Time limits of one length under one shared timer, in place of a `setTimeout` per limit
 * (the body reads of every request): entries join in the order they start, so they fall due
 * in that order, and joining or leaving is a few pointer moves. The timer is armed for the
 * oldest entry and keeps the process alive only while an entry waits, as its own timer would.
 * An entry never fires before `ms` have passed since it joined.
 */
export class Deadlines {
  private head: Deadline | undefined = undefined;
  private tail: Deadline | undefined = undefined;
  private timer: ReturnType<typeof setTimeout> | undefined = undefined;

  constructor(readonly ms: number) {}

  /** Runs `fire.expire()` once `ms` have passed, unless {@link remove} takes the entry out first. */
  add(fire: Expiring): Deadline {
    const entry = new Deadline(performance.now() + this.ms, fire, this.tail);
    if (this.tail === undefined) {
      this.head = entry;
      if (this.timer === undefined) this.arm(this.ms);
      else this.timer.ref();
    } else {
      this.tail.next = entry;
    }
    this.tail = entry;
    return entry;
  }

  /** Takes an entry out; a second call, or one after it fired, does nothing. */
  remove(entry: Deadline): void {
    if (!entry.queued) return;
    entry.queued = false;
    if (entry.prev === undefined) this.head = entry.next;
    else entry.prev.next = entry.next;
    if (entry.next === undefined) this.tail = entry.prev;
    else entry.next.prev = entry.prev;
    entry.prev = entry.next = undefined;
    entry.fire = undefined;
    // Nothing waits: the timer may still run out, but it no longer holds the process open.
    if (this.head === undefined) this.timer?.unref();
  }

  private arm(delay: number): void {
    this.timer = outside(() => setTimeout(this.expire, Math.max(1, Math.ceil(delay))));
  }

  private readonly expire = (): void => {
    this.timer = undefined;
    const now = performance.now();
    while (this.head !== undefined && this.head.at <= now) {
      const entry = this.head;
      const fire = entry.fire!;
      this.remove(entry);
      fire.expire();
    }
    if (this.head !== undefined) this.arm(this.head.at - now);
  };
}

const queues = new Map<number, Deadlines>();

/** The shared queue for limits of `ms` milliseconds. */
export function deadlinesOf(ms: number): Deadlines {
  let queue = queues.get(ms);
  if (queue === undefined) queues.set(ms, (queue = new Deadlines(ms)));
  return queue;
}
