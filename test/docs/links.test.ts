import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// A guide's relative link and a TSDoc `@see docs/...` must name a file that exists.
const root = resolve(import.meta.dirname, "../..");

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path, ext);
    return entry.name.endsWith(ext) ? [path] : [];
  });
}

function broken(file: string, pattern: RegExp, base: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(pattern)]
    .map((match) => ({ target: match[1]!.split("#")[0]!, line: text.slice(0, match.index).split("\n").length }))
    .filter(({ target }) => target !== "" && !/^[a-z]+:/.test(target) && !existsSync(join(base, target)))
    .map(({ target, line }) => `${relative(root, file)}:${line}: ${target}`);
}

describe("links of README.md, docs/ and src/", () => {
  it("name files that exist (markdown links)", () => {
    const guides = [join(root, "README.md"), ...files(join(root, "docs"), ".md")];
    const problems = guides.flatMap((file) => broken(file, /\]\(([^)\s]+)\)/g, dirname(file)));
    expect(problems).toEqual([]);
  });

  it("name files that exist (@see in TSDoc)", () => {
    const problems = files(join(root, "src"), ".ts").flatMap((file) => broken(file, /@see (docs\/\S+)/g, root));
    expect(problems).toEqual([]);
  });
});
