import { startWorker } from "../../src/tasks/index.js";
import { createApp } from "./app.js";

// The `npm run worker` entry: takes the REST API's jobs from Redis (REDIS_URL) until SIGTERM.
if (!process.env.REDIS_URL) {
  console.error("npm run worker: set REDIS_URL (redis://127.0.0.1:6379); without it, npm start runs the tasks itself");
  process.exit(1);
}
const api = await createApp({ dataDir: process.env.DATA_DIR || undefined });
api.app.onClose(() => api.db.close());
await startWorker(api.app);
console.log(`worker taking jobs from ${process.env.REDIS_URL}`);
