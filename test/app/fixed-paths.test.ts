import { describe, expect, it } from "vitest";
import { App } from "../../src/index.js";

// Paths with no parameter are found without the router and without hashing the request's
// path: by length, then by `===`, with a Map where many share a length or the path is long.

async function body(app: App, path: string): Promise<[number, string]> {
  const response = await app.request(path);
  return [response.status, response.status === 200 ? ((await response.json()) as { at: string }).at : ""];
}

describe("fixed paths", () => {
  it("tells apart many paths of one length, and long paths, from their near misses", async () => {
    const app = new App();
    const crowded = Array.from({ length: 20 }, (_, i) => `/p${String(i).padStart(2, "0")}`);
    const few = ["/ab", "/cd"];
    const long = [`/${"a".repeat(127)}`, `/${"a".repeat(126)}b`, `/${"b".repeat(300)}`];
    for (const path of [...crowded, ...few, ...long]) app.route(path, () => ({ at: path }));
    for (const path of [...crowded, ...few, ...long]) expect(await body(app, path)).toEqual([200, path]);
    for (const miss of ["/p20", "/p0", "/p000", "/ef", "/a", `/${"a".repeat(128)}`, `/${"b".repeat(299)}c`, `/${"a".repeat(126)}c`]) {
      expect((await body(app, miss))[0]).toBe(404);
    }
  });

  it("serves a path's own rule where another rule's slash redirect was", async () => {
    const redirecting = new App();
    redirecting.route("/dir/", () => ({ at: "slash" }));
    expect((await redirecting.request("/dir", { redirect: "manual" })).status).toBe(308);
    const app = new App();
    app.route("/dir/", () => ({ at: "slash" }));
    app.route("/dir", () => ({ at: "no slash" }));
    expect(await body(app, "/dir")).toEqual([200, "no slash"]);
    expect(await body(app, "/dir/")).toEqual([200, "slash"]);
  });

  it("finds a fixed path reached through dot segments or a query as the same rule", async () => {
    const app = new App();
    app.route("/a/b", () => ({ at: "/a/b" }));
    expect(await body(app, "/a/b?x=1")).toEqual([200, "/a/b"]);
    expect(await body(app, "/a/./b")).toEqual([200, "/a/b"]);
  });
});
