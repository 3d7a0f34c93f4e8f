import "reflect-metadata";
import type { PGlite } from "@electric-sql/pglite";
import { container as rootContainer } from "tsyringe";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "../../src/index.js";
import { TaskQueue } from "../../src/tasks/index.js";
import { AuditLog } from "./audit-log.js";
import { openDatabase } from "./database.js";
import { stories, users } from "./models.js";
import { registerApi } from "./register-api.js";
import { Repository } from "./repository.js";
import { assignRequestId, sendRequestId } from "./request-id.js";
import { Outbox, sendWelcome } from "./welcome.js";

/** What {@link createApp} gives back. */
export interface RestApi {
  readonly app: App;
  readonly db: PGlite;
  readonly tasks: TaskQueue;
  /** Closes the App (waiting for the audit writes still running), then the database. */
  close(): Promise<void>;
}

/**
 * Builds the REST API: users and stories, each with an ItemAPI and a GroupAPI, over an
 * embedded PostgreSQL that lives in memory, or in `dataDir` when one is given. A new user is
 * welcomed by a task: in process, or on Redis when `redisUrl` (or `REDIS_URL`) is given, where
 * `npm run worker` takes the jobs. Responses are checked against their schemas unless
 * `validateResponses` is false (or NODE_ENV is "production").
 */
export async function createApp(
  options: { dataDir?: string; redisUrl?: string; outboxFile?: string; validateResponses?: boolean } = {},
): Promise<RestApi> {
  const db = await openDatabase(options.dataDir);
  // A container of its own, so that two apps (two tests) never share a Repository.
  const container = rootContainer.createChildContainer();
  // Every response checked against its declared schema in development and tests, not in production.
  const app = new App({ container, validateResponses: options.validateResponses ?? process.env.NODE_ENV !== "production" });
  container.registerInstance(Repository, new Repository(db));
  container.registerInstance(AuditLog, new AuditLog(db, app));
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL;
  const tasks = new TaskQueue(app, redisUrl ? { backend: "bullmq", redisUrl } : {});
  tasks.register(sendWelcome);
  const outbox = new Outbox(options.outboxFile ?? process.env.OUTBOX_FILE ?? join(tmpdir(), "methodview-outbox.jsonl"));
  container.registerInstance(TaskQueue, tasks);
  container.registerInstance(Outbox, outbox);

  app.beforeRequest(assignRequestId);
  app.afterRequest(sendRequestId);
  registerApi(app, "users", users);
  registerApi(app, "stories", stories);
  app.route("/outbox", () => outbox.read(), { endpoint: "outbox" });

  let closed: Promise<void> | undefined;
  return {
    app,
    db,
    tasks,
    close: () =>
      (closed ??= (async () => {
        await app.close();
        await db.close();
      })()),
  };
}
