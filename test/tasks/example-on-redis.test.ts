import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "./queue-cases.js";
import { RedisServer } from "./redis-server.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

let redis: RedisServer;
const children: ChildProcess[] = [];
const outboxFile = join(tmpdir(), `methodview-outbox-redis-${process.pid}.jsonl`);

beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await redis?.destroy();
  rmSync(outboxFile, { force: true });
});

/** Runs an npm script's node command (as `npm run` would) and waits for a line matching `ready`. */
async function run(script: string, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const [command, ...args] = scripts[script]!.split(/\s+/);
  expect(command).toBe("node");
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", REDIS_URL: redis.url, OUTBOX_FILE: outboxFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const found = ready.exec(out);
      if (found !== null) resolve(found);
    });
    child.once("exit", (code) => reject(new Error(`npm run ${script} exited with ${code}:\n${out}`)));
  });
  return { child, match };
}

describe("the REST API example on Redis: REDIS_URL=... npm start, and npm run worker", () => {
  it("enqueues the welcome in the web process and writes it in the worker process", async () => {
    const [web, worker] = await Promise.all([run("start", /listening on (http:\/\/\S+)/), run("worker", /worker taking jobs/)]);
    const res = await fetch(`${web.match[1]}/users/`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Ada", email: "ada@example.com" }) });
    expect(res.status).toBe(201);
    const outbox = () => readFileSync(outboxFile, { encoding: "utf8", flag: "a+" });
    await until(() => outbox().includes("ada@example.com"), 20_000);
    expect(JSON.parse(outbox().trim())).toMatchObject({ to: "ada@example.com", subject: "Welcome, Ada" });
    worker.child.kill("SIGTERM");
    web.child.kill("SIGTERM");
  }, 120_000);
});
