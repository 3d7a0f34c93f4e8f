import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { root } from "./run-node.js";

const bin = join(root, "dist", "cli", "main.js");
const fixture = (name: string) => join(root, "test", "dist", "fixtures", name);

async function methodview(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd: root, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("methodview routes (the built bin)", () => {
  it("prints endpoint, methods and rule as flask routes does, sorted by endpoint", async () => {
    const { code, stdout } = await methodview("routes", fixture("routes-app.mjs"));
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toEqual([
      "Endpoint  Methods    Rule",
      "--------  ---------  ------",
      "about     GET        /about",
      "index     GET        /",
      "users     GET, POST  /users",
    ]);
  });

  it("sorts by rule or keeps registration order, and shows HEAD and OPTIONS with --all-methods", async () => {
    const byRule = await methodview("routes", fixture("routes-app.mjs"), "--sort", "rule");
    expect(byRule.stdout.trim().split("\n").slice(2).map((l) => l.split(/\s{2,}/)[0])).toEqual(["index", "about", "users"]);
    const byMatch = await methodview("routes", fixture("routes-app.mjs"), "--sort", "match");
    expect(byMatch.stdout.trim().split("\n").slice(2).map((l) => l.split(/\s{2,}/)[0])).toEqual(["users", "about", "index"]);
    const all = await methodview("routes", fixture("routes-app.mjs"), "--all-methods");
    expect(all.stdout).toContain("GET, HEAD, POST, OPTIONS");
  });

  it("loads a TypeScript module whose default export is a function returning the App", async () => {
    const { code, stdout, stderr } = await methodview("routes", fixture("routes-factory.ts"));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/typed\s+GET\s+\/typed/);
  });

  it("exits non-zero with one clear line for a module without an App, a missing file, or a bad flag", async () => {
    for (const [args, message] of [
      [["routes", fixture("no-app.mjs")], /exports no App: export it as default, as "app", or a function that returns one/],
      [["routes", fixture("missing.mjs")], /no such file/],
      [["routes", fixture("routes-app.mjs"), "--sort", "size"], /--sort must be one of endpoint, methods, rule, match/],
      [["deploy", fixture("routes-app.mjs")], /unknown command "deploy"/],
    ] as const) {
      const { code, stderr } = await methodview(...args);
      expect(code).toBe(1);
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).toMatch(message);
    }
  });
});
