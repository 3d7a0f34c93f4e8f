const PARAM = /^:[A-Za-z0-9_$]+$/;
// Characters with a meaning in Hono paths (params, wildcards, regexes, optional params).
const HONO_SYNTAX = /[:*{}?]/;
const SLASH = 47;

/** A rule of the App as it is registered on Hono, worked out once at mount time. */
export interface MountPath {
  /** The path in Hono's syntax. */
  readonly path: string;
  /** The names of the rule's `:name` params, in order. */
  readonly params: readonly string[];
  /** For a rule ending in `*`: how many segments come before it; -1 for other rules. */
  readonly wildcardAfter: number;
  /** Segment kinds (0 static, 1 param, 2 wildcard), to order rules as the App matches them. */
  readonly kinds: readonly number[];
}

/**
 * Translates an App rule to a Hono path: static segments, whole-segment `:name` params and a
 * trailing `*`, which both syntaxes share. Anything else is a TypeError naming the rule.
 */
export function toMountPath(rule: string): MountPath {
  const segments = rule.split("/").slice(1);
  const kinds: number[] = [];
  const params: string[] = [];
  let wildcardAfter = -1;
  segments.forEach((segment, index) => {
    if (segment === "*" && index === segments.length - 1) {
      wildcardAfter = index;
      kinds.push(2);
    } else if (PARAM.test(segment)) {
      params.push(segment.slice(1));
      kinds.push(1);
    } else if (HONO_SYNTAX.test(segment)) {
      throw new TypeError(
        `toHono(app): the rule "${rule}" cannot be mounted on Hono: use whole-segment ":name" params and a trailing "*" only (segment "${segment}")`,
      );
    } else {
      kinds.push(0);
    }
  });
  return { path: rule, params, wildcardAfter, kinds };
}

/**
 * Orders mount paths the way the App's router prefers them (static, then param, then
 * wildcard, segment by segment), since Hono tries routes in registration order.
 */
export function byPriority(a: MountPath, b: MountPath): number {
  const length = Math.min(a.kinds.length, b.kinds.length);
  for (let i = 0; i < length; i++) {
    const diff = a.kinds[i]! - b.kinds[i]!;
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The number of path segments in a Hono base path: 0 for "/", 1 for "/api" or "/api/". */
export function segmentCount(basePath: string): number {
  let count = 0;
  const last = basePath.length - 1;
  for (let i = 0; i < last; i++) if (basePath.charCodeAt(i) === SLASH && basePath.charCodeAt(i + 1) !== SLASH) count++;
  return count;
}

/** The index of the slash `count` segments after `from` in `url`, or `end` if the path stops before. */
export function skipSegments(url: string, from: number, end: number, count: number): number {
  let at = from;
  for (let i = 0; i < count; i++) {
    at = url.indexOf("/", at + 1);
    if (at === -1 || at >= end) return end;
  }
  return at;
}
