import { createApp } from "./app.js";

// The `npm start` entry: serves the REST API until SIGINT or SIGTERM.
const api = await createApp({ dataDir: process.env.DATA_DIR || undefined });
const server = await api.app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? "127.0.0.1" });

console.log(`REST API listening on ${server.url} (database: ${process.env.DATA_DIR || "in memory"})`);
for (const { rule, methods, endpoint } of api.app.routes()) {
  console.log(`  ${methods.join(",").padEnd(34)} ${rule.padEnd(16)} ${endpoint}`);
}
console.log(`API reference: ${server.url}/docs`);

async function stop(signal: NodeJS.Signals): Promise<void> {
  console.log(`${signal}: closing`);
  await api.close();
  console.log("closed");
}

process.once("SIGINT", () => void stop("SIGINT"));
process.once("SIGTERM", () => void stop("SIGTERM"));
