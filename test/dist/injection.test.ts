import { transformFileSync } from "@swc/core";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, runScript } from "./run-node.js";

function compile(format: "es6" | "commonjs"): string {
  const { code } = transformFileSync(join(root, "test/dist/fixtures/injected-view.ts"), {
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: "es2022",
    },
    module: { type: format },
  });
  return code;
}

const expected = { status: 200, body: { message: "hello dist" } };

describe("tsyringe injection from the built dist/", () => {
  it("works from ESM (import)", async () => {
    const out = await runScript("injected-view.mjs", `${compile("es6")}\nconsole.log(await main());`);
    expect(JSON.parse(out)).toEqual(expected);
  });

  it("works from CJS (require)", async () => {
    const out = await runScript(
      "injected-view.cjs",
      `${compile("commonjs")}\nmain().then((out) => console.log(out), (error) => { console.error(error); process.exit(1); });`,
    );
    expect(JSON.parse(out)).toEqual(expected);
  });
});
