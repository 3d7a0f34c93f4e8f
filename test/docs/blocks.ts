import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** One request a running doc program must answer: `METHOD /path [json body] status`. */
export interface Expectation {
  method: string;
  path: string;
  body: string | undefined;
  status: number;
}

/** A TypeScript block of a guide or of a TSDoc `@example`, with where it starts. */
export interface Block {
  /** `README.md:42`: the line of the opening fence. */
  where: string;
  /** The line of the file the block's first line is on (1-based). */
  firstLine: number;
  code: string;
  /** `ts fragment`: deliberately incomplete, not compiled. */
  fragment: boolean;
  /** `ts run` (with `: GET /x 200; ...`): compiled, run, and asked these requests. */
  run: boolean;
  expectations: Expectation[];
}

const FENCE = /^\s*```(ts|typescript)\b(.*)$/;
const CLOSE = /^\s*```\s*$/;
const REQUEST = /^([A-Z]+) (\S+)(?: (.+))? (\d{3})$/;

function parseInfo(info: string, where: string): Pick<Block, "fragment" | "run" | "expectations"> {
  const [flags = "", requests] = info.split(/:(.*)/s, 2);
  const words = flags.trim().split(/\s+/).filter(Boolean);
  for (const word of words) {
    if (word !== "fragment" && word !== "run") throw new Error(`${where}: unknown fence flag "${word}" (fragment, run)`);
  }
  const expectations = (requests ?? "")
    .split(";")
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => {
      const m = REQUEST.exec(r);
      if (m === null) throw new Error(`${where}: "${r}" is not "METHOD /path [json body] status"`);
      return { method: m[1]!, path: m[2]!, body: m[3], status: Number(m[4]) };
    });
  return { fragment: words.includes("fragment"), run: words.includes("run"), expectations };
}

/** The fenced TypeScript blocks of a text; `strip` removes a comment's leading `* `. */
function blocksOf(text: string, file: string, strip: (line: string) => string = (l) => l): Block[] {
  const lines = text.split("\n").map(strip);
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (open === null) continue;
    const where = `${file}:${i + 1}`;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !CLOSE.test(lines[end]!)) end++;
    if (end === lines.length) throw new Error(`${where}: the block is never closed`);
    blocks.push({ where, firstLine: start + 1, code: lines.slice(start, end).join("\n"), ...parseInfo(open[2]!, where) });
    i = end;
  }
  return blocks;
}

function walk(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path, ext);
    return entry.name.endsWith(ext) ? [path] : [];
  });
}

/** Every TypeScript block of README.md and docs/**\/*.md. */
export function guideBlocks(root: string): Block[] {
  const files = [join(root, "README.md"), ...walk(join(root, "docs"), ".md").sort()];
  return files.flatMap((file) => blocksOf(readFileSync(file, "utf8"), relative(root, file)));
}

/** Every TypeScript block of a TSDoc comment in src/ (the `@example`s). */
export function tsdocBlocks(root: string): Block[] {
  return walk(join(root, "src"), ".ts")
    .sort()
    .flatMap((file) => blocksOf(readFileSync(file, "utf8"), relative(root, file), (line) => line.replace(/^\s*\* ?/, "")))
    .map((block) => ({ ...block, run: false, expectations: [] }));
}
