import { ConfigurationError } from "../../core/errors.js";

/** A rule of the App as @koa/router 15 (path-to-regexp 8) spells it. */
export interface KoaPath {
  /** The path to give `router.all(path, ...)`. */
  readonly path: string;
  /** Each parameter: its name in `ctx.params`, then its name for the view (`*` for the wildcard). */
  readonly params: readonly (readonly [koaName: string, name: string])[];
  /** Per segment: 0 static, 1 parameter with static text, 2 parameter, 3 wildcard. */
  readonly rank: readonly number[];
}

const IDENTIFIER = /^[$_\p{ID_Start}][$\u200c\u200d\p{ID_Continue}]*$/u;
// Characters path-to-regexp 8 reads as syntax; percent-encoding leaves them alone.
const SYNTAX = /[{}()[\]+?!:*\\]/g;

function unsupported(rule: string, what: string): ConfigurationError {
  return new ConfigurationError("MV_UNSUPPORTED_RULE", `methodview/koa: the rule "${rule}" ${what}, which @koa/router cannot express`);
}

/** Static text as the raw request path carries it, escaped for path-to-regexp. */
function literal(rule: string, text: string): string {
  try {
    return encodeURI(text).replace(SYNTAX, "\\$&");
  } catch (error) {
    throw new ConfigurationError("MV_UNSUPPORTED_RULE", `methodview/koa: the rule "${rule}" is not valid Unicode`, { cause: error });
  }
}

function paramToken(name: string): string {
  return IDENTIFIER.test(name) ? `:${name}` : `:"${name.replace(/["\\]/g, "\\$&")}"`;
}

function rankOf(segment: string): number {
  if (segment.includes("*")) return 3;
  const plain = segment.replaceAll("::", "");
  if (!plain.includes(":")) return 0;
  return /^:[^:.-]*\??$/.test(plain) ? 2 : 1;
}

/**
 * Translates a methodview rule (find-my-way syntax) to a @koa/router path: `:name` and
 * `:a-:b` / `:file.png` parameters, `::` for a literal colon, an optional last `/:name?` and a
 * trailing `*` (read back as `params["*"]`). A parameter with a regular expression is a
 * `ConfigurationError` (a `TypeError`) at mount time.
 */
export function toKoaPath(rule: string): KoaPath {
  const params: [string, string][] = [];
  let path = "";
  let text = "";
  let i = 0;
  const flush = () => {
    if (text !== "") path += literal(rule, text);
    text = "";
  };
  while (i < rule.length) {
    const char = rule[i]!;
    if (char === ":" && rule[i + 1] === ":") {
      text += ":";
      i += 2;
    } else if (char === ":") {
      let end = i + 1;
      while (end < rule.length && !"/-.(".includes(rule[end]!)) end++;
      if (rule[end] === "(") throw unsupported(rule, "has a regular-expression parameter");
      let name = rule.slice(i + 1, end);
      const optional = name.endsWith("?");
      if (optional) {
        if (end !== rule.length || !text.endsWith("/")) throw unsupported(rule, "has an optional parameter before its end");
        name = name.slice(0, -1);
        text = text.slice(0, -1);
      }
      if (name === "" || name.includes("?")) throw unsupported(rule, "has a parameter without a usable name");
      flush();
      path += optional ? `{/${paramToken(name)}}` : paramToken(name);
      params.push([name, name]);
      i = end;
    } else if (char === "*") {
      if (i !== rule.length - 1) throw unsupported(rule, "has a wildcard before its end");
      let name = "wildcard";
      while (params.some(([taken]) => taken === name)) name = `_${name}`;
      flush();
      path += `{*${name}}`;
      params.push([name, "*"]);
      i++;
    } else {
      text += char;
      i++;
    }
  }
  flush();
  return { path, params, rank: rule.split("/").slice(1).map(rankOf) };
}

/**
 * Orders paths as find-my-way ranks them (static before parameter before wildcard, segment by
 * segment), because @koa/router runs the first registered layer that matches.
 */
export function bySpecificity(a: KoaPath, b: KoaPath): number {
  const length = Math.min(a.rank.length, b.rank.length);
  for (let i = 0; i < length; i++) {
    if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
  }
  return 0;
}
