import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import type { RunRecord } from "../../bench/report.js";
import { servers } from "../../bench/registry.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "methodview-bench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The adapters whose source exists must serve; the others may still be "not available". */
const adapterExists = (name: string) => existsSync(join(root, "src/adapters", name, "index.ts"));

describe("npm run bench -- --quick", () => {
  it("starts every server, each answers every scenario rightly and stays 2xx under a short load", async () => {
    const out = join(dir, "quick.json");
    const args = ["--import", "@swc-node/register/esm-register", "bench/run.ts", "--quick", "--warmup", "0", "--duration", "0.2", "--out", out];
    // The harness exits 1 when a run failed; the assertions below say which and why.
    await promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 }).catch(() => undefined);
    const runs = (JSON.parse(readFileSync(out, "utf8")) as { runs: RunRecord[] }).runs;

    expect(runs.length).toBe(servers.reduce((n, s) => n + s.scenarios.length, 0));
    const unavailable = runs.filter((r) => r.status === "unavailable");
    for (const run of unavailable) {
      const spec = servers.find((s) => s.name === run.server)!;
      expect(spec.adapter !== undefined && !adapterExists(spec.adapter), `${run.server}: ${run.reason}`).toBe(true);
    }
    // A short run under a busy test suite may get no response in time: only wrong answers,
    // non-2xx responses and socket errors are failures here.
    const wrong = runs.filter(
      (r) => r.stage === "start" || r.stage === "check" || (r.measurement !== undefined && (r.measurement.non2xx > 0 || r.measurement.errors > 0)),
    );
    expect(wrong.map((r) => `${r.server} (${r.scenario}): ${r.reason}`)).toEqual([]);
    // Every measured run carries the server's own CPU time, which the ratios rest on.
    const measured = runs.filter((r) => r.status === "ok" && r.measurement!.requests > 0);
    expect(measured.filter((r) => !(r.measurement!.cpuMicros > 0)).map((r) => `${r.server} (${r.scenario})`)).toEqual([]);
  }, 180_000);
});
