import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { root } from "./run-node.js";

const run = promisify(execFile);

describe("the tarball (npm pack)", () => {
  it("ships every local file the README links to, the docs and the LICENSE", async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json"], { cwd: root });
    const files = new Set((JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path));
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const linked = [...readme.matchAll(/\]\((docs\/[^)#\s]+\.md)\)/g)].map((match) => match[1]!);
    expect(linked.length).toBeGreaterThan(3);
    for (const path of [...linked, "README.md", "LICENSE", "docs/host.md", "package.json"]) expect(files, path).toContain(path);
    expect([...files].filter((path) => path.startsWith("src/") || path.startsWith("test/"))).toEqual([]);
  });

  it("package.json says where the project lives", () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest.repository).toMatchObject({ type: "git", url: expect.stringContaining("github.com/methodview/methodview") });
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs).toMatchObject({ url: expect.stringMatching(/\/issues$/) });
    expect(manifest.keywords).toEqual(expect.arrayContaining(["http", "views"]));
    expect(manifest.license).toBe("MIT");
  });
});
