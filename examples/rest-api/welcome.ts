import { appendFile, readFile } from "node:fs/promises";
import { defineTask } from "../../src/tasks/index.js";

/** One message waiting to be sent. */
export interface OutboxMessage {
  readonly to: string;
  readonly subject: string;
  readonly userId: number;
  readonly job: string;
}

/**
 * The outbox: messages written for a mailer to send, one JSON line each in a file, so
 * that a worker process and the web process see the same outbox.
 */
export class Outbox {
  constructor(readonly file: string) {}

  async write(message: OutboxMessage): Promise<void> {
    await appendFile(this.file, `${JSON.stringify(message)}\n`);
  }

  async read(): Promise<OutboxMessage[]> {
    const text = await readFile(this.file, "utf8").catch(() => "");
    return text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as OutboxMessage);
  }
}

/** The payload of a welcome: who to write to. */
export interface Welcome {
  readonly userId: number;
  readonly name: string;
  readonly email: string;
}

/**
 * The task a new user's POST enqueues: a welcome message written to the outbox, after the
 * response, in process (`npm start`) or by a worker on Redis (`REDIS_URL=... npm start` and
 * `npm run worker`). Retried three times, a second apart, if the write fails.
 */
export const sendWelcome = defineTask(
  "send-welcome",
  async (payload: Welcome, ctx) => {
    const outbox = ctx.container.resolve(Outbox);
    await outbox.write({ to: payload.email, subject: `Welcome, ${payload.name}`, userId: payload.userId, job: ctx.job.id });
  },
  { attempts: 3, backoff: { type: "fixed", delay: 1000 } },
);
