import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListeningServer } from "../../src/index.js";
import { createApp, type RestApi } from "../../examples/rest-api/app.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// PGlite boots a whole PostgreSQL in WebAssembly: seconds, not milliseconds.
const BOOT_TIMEOUT = 90_000;

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

let api: RestApi;
const outboxFile = join(tmpdir(), `methodview-outbox-test-${process.pid}.jsonl`);
let server: ListeningServer;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? null : JSON.parse(text) };
}

beforeAll(async () => {
  api = await createApp({ outboxFile, validateResponses: true });
  server = await api.app.listen({ port: 0, host: "127.0.0.1" });
}, BOOT_TIMEOUT);

afterAll(async () => {
  await api?.close();
  await rm(outboxFile, { force: true });
});

describe("the welcome task", () => {
  it("writes a welcome to the outbox after a new user's POST, in process", async () => {
    const created = await call("POST", "/users/", { name: "Grace", email: "grace@example.com" });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    let outbox: { to: string; subject: string; userId: number }[] = [];
    for (let i = 0; i < 200 && !outbox.some((m) => m.userId === id); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      outbox = (await call("GET", "/outbox")).body as typeof outbox;
    }
    expect(outbox.find((m) => m.userId === id)).toMatchObject({ to: "grace@example.com", subject: "Welcome, Grace" });
  });
});

describe("registerApi(app, name, model)", () => {
  it("mounts Flask's ItemAPI and GroupAPI pair for each resource", () => {
    expect(api.app.routes()).toEqual([
      { rule: "/users/:id", methods: ["GET", "HEAD", "PATCH", "DELETE", "OPTIONS"], endpoint: "users-item" },
      { rule: "/users/", methods: ["GET", "HEAD", "POST", "OPTIONS"], endpoint: "users-group" },
      { rule: "/stories/:id", methods: ["GET", "HEAD", "PATCH", "DELETE", "OPTIONS"], endpoint: "stories-item" },
      { rule: "/stories/", methods: ["GET", "HEAD", "POST", "OPTIONS"], endpoint: "stories-group" },
      { rule: "/outbox", methods: ["GET", "HEAD", "OPTIONS"], endpoint: "outbox" },
    ]);
    expect(api.app.urlFor("stories-item", { id: 7 })).toBe("/stories/7");
  });
});

describe.each([
  { resource: "users", create: { name: "Ada", email: "ada@example.com" }, change: { email: "ada@lovelace.org" } },
  { resource: "stories", create: { title: "On engines", body: "Analytical." }, change: { title: "On the Analytical Engine" } },
])("GroupAPI and ItemAPI at /$resource/", ({ resource, create, change }) => {
  it("creates, lists, shows, updates and deletes a row", async () => {
    const created = await call("POST", `/${resource}/`, create);
    expect(created.status).toBe(201);
    const row = created.body as { id: number } & Record<string, unknown>;
    expect(row).toMatchObject(create);
    expect(row.id).toBeGreaterThan(0);
    expect(created.headers.get("location")).toBe(`/${resource}/${row.id}`);

    const list = await call("GET", `/${resource}/`);
    expect(list.status).toBe(200);
    expect(list.body).toContainEqual(row);

    const shown = await call("GET", `/${resource}/${row.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual(row);

    const updated = await call("PATCH", `/${resource}/${row.id}`, change);
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ ...row, ...change });
    expect((await call("GET", `/${resource}/${row.id}`)).body).toEqual({ ...row, ...change });

    const deleted = await call("DELETE", `/${resource}/${row.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    expect((await call("GET", `/${resource}/${row.id}`)).status).toBe(404);
    expect((await call("GET", `/${resource}/`)).body).not.toContainEqual(expect.objectContaining({ id: row.id }));
  });

  it("answers 404 for an id with no row, as problem+json", async () => {
    for (const id of ["999999", "0", "01", "1.5", "abc", "99999999999"]) {
      const reply = await call("GET", `/${resource}/${id}`);
      expect(reply.status, id).toBe(404);
      expect(reply.headers.get("content-type")).toBe("application/problem+json");
      expect(reply.body).toMatchObject({ status: 404, code: "MV_NOT_FOUND", detail: `No row of ${resource} has the id "${id}"` });
    }
    expect((await call("PATCH", `/${resource}/999999`, change)).status).toBe(404);
    expect((await call("DELETE", `/${resource}/999999`)).status).toBe(404);
  });

  it("answers 405 with Allow for a method the path does not serve, and OPTIONS with the same list", async () => {
    const item = await call("PUT", `/${resource}/1`, create);
    expect(item.status).toBe(405);
    expect(item.headers.get("allow")).toBe("GET, HEAD, PATCH, DELETE, OPTIONS");
    const group = await call("DELETE", `/${resource}/`);
    expect(group.status).toBe(405);
    expect(group.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    const options = await call("OPTIONS", `/${resource}/`);
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
  });
});

describe("the body schemas: 422 ValidationError", () => {
  type Problem = { status: number; code: string; errors: { in: string; path: string; message: string }[] };
  it.each([
    ["a missing required field", "/users/", { name: "Ada" }, [["/email", /expected string/]]],
    ["a field of the wrong type", "/users/", { name: 42, email: "a@b.c" }, [["/name", /expected string/]]],
    ["an unknown field", "/stories/", { title: "T", author: "me" }, [["", /author/]]],
    ["a malformed e-mail", "/users/", { name: "Ada", email: "ada" }, [["/email", /must be an e-mail address/]]],
    ["a blank required field", "/stories/", { title: "  " }, [["/title", /must not be empty/]]],
    ["a value too long", "/stories/", { title: "x".repeat(201) }, [["/title", /at most 200 characters/]]],
    ["a body that is not an object", "/stories/", [{ title: "T" }], [["", /expected object/]]],
    ["every problem at once", "/users/", { name: "", email: 1 }, [["/name", /must not be empty/], ["/email", /expected string/]]],
  ] as const)("refuses %s on POST", async (_, path, body, expected) => {
    const reply = await call("POST", path, body);
    expect(reply.status).toBe(422);
    const problem = reply.body as Problem;
    expect(problem).toMatchObject({ status: 422, code: "MV_VALIDATION_FAILED" });
    expect(problem.errors.map((error) => error.path)).toEqual(expected.map(([pointer]) => pointer));
    problem.errors.forEach((error, i) => {
      expect(error.in).toBe("body");
      expect(error.message).toMatch(expected[i]![1]);
    });
  });

  it("refuses a PATCH that changes nothing, and writes nothing on a refused one", async () => {
    const { body } = await call("POST", "/users/", { name: "Grace", email: "grace@example.com" });
    const { id } = body as { id: number };
    const empty = await call("PATCH", `/users/${id}`, {});
    expect(empty.status).toBe(422);
    expect((empty.body as Problem).errors).toEqual([{ in: "body", path: "", message: "nothing to update: give one of name, email" }]);
    expect((await call("PATCH", `/users/${id}`, { name: "Grace Hopper", email: "nope" })).status).toBe(422);
    expect((await call("PATCH", `/users/${id}`, { role: "admin" })).status).toBe(422);
    expect((await call("GET", `/users/${id}`)).body).toEqual(body);
  });

  it("leaves malformed JSON to the library's 400", async () => {
    const reply = await call("POST", "/users/", "{not json");
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: "MV_BAD_REQUEST" });
  });

  it("declares every handler's responses on the url map, checked on every response here", () => {
    const declared = api.app.urlRules().flatMap(({ rule, contracts }) =>
      Object.entries(contracts ?? {}).map(([method, contract]) => `${method} ${rule} ${[...contract.responses.keys()].join(",")}`),
    );
    expect(declared).toEqual(expect.arrayContaining(["GET /users/:id 200", "PATCH /users/:id 200", "DELETE /users/:id 204", "POST /stories/ 201"]));
  });
});

describe("the request-id hooks (beforeRequest / afterRequest)", () => {
  it("sends a fresh x-request-id and x-response-time on every response, errors included", async () => {
    const ok = await call("GET", "/users/");
    const missing = await call("GET", "/nowhere");
    expect(missing.status).toBe(404);
    for (const reply of [ok, missing]) {
      expect(reply.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(reply.headers.get("x-response-time")).toMatch(/^\d+\.\d{2}ms$/);
    }
    expect(ok.headers.get("x-request-id")).not.toBe(missing.headers.get("x-request-id"));
  });

  it("keeps the client's x-request-id when it is a plain token, and replaces any other", async () => {
    expect((await call("GET", "/users/", undefined, { "x-request-id": "client-42" })).headers.get("x-request-id")).toBe("client-42");
    const odd = await call("GET", "/users/", undefined, { "x-request-id": "a b;c" });
    expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("AuditLog.recordLater() (app.addBackgroundTask)", () => {
  async function auditRows(requestIds: string[]): Promise<{ action: string; resource: string; record_id: number; request_id: string }[]> {
    const { rows } = await api.db.query<{ action: string; resource: string; record_id: number; request_id: string }>(
      "SELECT action, resource, record_id, request_id FROM audit_log WHERE request_id = ANY($1) ORDER BY id",
      [requestIds],
    );
    return rows;
  }

  it("writes one audit row per change, after the response, tagged with the request id", async () => {
    const ids = ["audit-create", "audit-update", "audit-delete"];
    const created = await call("POST", "/stories/", { title: "Audited" }, { "x-request-id": ids[0]! });
    const { id } = created.body as { id: number };
    await call("PATCH", `/stories/${id}`, { body: "changed" }, { "x-request-id": ids[1]! });
    await call("DELETE", `/stories/${id}`, undefined, { "x-request-id": ids[2]! });
    await call("GET", `/stories/`, undefined, { "x-request-id": "audit-read" });
    await call("POST", "/stories/", {}, { "x-request-id": "audit-refused" });

    await expect.poll(() => auditRows(ids), { timeout: 5_000 }).toHaveLength(3);
    expect(await auditRows([...ids, "audit-read", "audit-refused"])).toEqual([
      { action: "create", resource: "stories", record_id: id, request_id: "audit-create" },
      { action: "update", resource: "stories", record_id: id, request_id: "audit-update" },
      { action: "delete", resource: "stories", record_id: id, request_id: "audit-delete" },
    ]);
  });
});

describe("npm start (examples/rest-api/server.ts)", () => {
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it("serves on the printed URL, keeps its data in DATA_DIR, and exits 0 on SIGTERM", async () => {
    const { scripts } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
    const [command, ...args] = scripts.start.split(/\s+/);
    expect(command).toBe("node");
    dataDir = await mkdtemp(join(tmpdir(), "methodview-rest-api-"));
    const started = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = started;
    let stdout = "";
    let stderr = "";
    started.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      started.once("exit", (code, signal) => resolve({ code, signal })),
    );
    const url = await new Promise<string>((resolve, reject) => {
      started.stdout!.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /listening on (http:\/\/\S+)/.exec(stdout);
        if (found !== null) resolve(found[1]!);
      });
      void exited.then(({ code }) => reject(new Error(`npm start exited with ${code} before listening:\n${stdout}${stderr}`)));
    });

    const reply = await fetch(`${url}/users/`);
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual([]);

    started.kill("SIGTERM");
    expect(await exited, stderr).toEqual({ code: 0, signal: null });
    expect(stdout).toMatch(/GET,HEAD,PATCH,DELETE,OPTIONS +\/users\/:id +users-item/);
    // docs/example.md shows this listing: it must be the one printed, Allow order included.
    const guide = await readFile(join(ROOT, "docs/example.md"), "utf8");
    const listing = stdout.split("\n").filter((line) => /^ {2}[A-Z,]+ +\/\S* +\S+$/.test(line.trimEnd()));
    expect(listing.length).toBeGreaterThan(3);
    for (const line of listing) expect(guide).toContain(line.trimEnd());
    expect(stdout).toContain("SIGTERM: closing");
    expect(await readdir(dataDir)).toContain("PG_VERSION");
  }, BOOT_TIMEOUT * 2);
});
