/** A path parameter of a rule, as the document names it. */
export interface PathParameter {
  /** The name in `ctx.params`: `id` for `:id`, `*` for a trailing wildcard. */
  readonly name: string;
  /** Whether it is the trailing `*`, which takes the rest of the path, slashes included. */
  readonly wildcard: boolean;
  /** The regular expression of a `:id(^\\d+$)` parameter. */
  readonly pattern: string | undefined;
}

/** A rule as an OpenAPI path template, with its parameters in order. */
export interface PathTemplate {
  readonly path: string;
  readonly parameters: readonly PathParameter[];
}

const PARAM = /:([A-Za-z0-9_$]+)(\(([^)]*)\))?/g;

/**
 * Turns a url-map rule into an OpenAPI path template: `/users/:id` is `/users/{id}`, a
 * `:id(^\\d+$)` keeps its expression as the parameter's `pattern`, and a trailing `*` is the
 * parameter `{*}`. `prefix` (a host's mount path) goes in front.
 */
export function pathTemplate(rule: string, prefix: string): PathTemplate {
  const parameters: PathParameter[] = [];
  let path = rule.replace(PARAM, (_, name: string, _group: string | undefined, pattern: string | undefined) => {
    parameters.push({ name, wildcard: false, pattern: pattern === undefined || pattern === "" ? undefined : pattern });
    return `{${name}}`;
  });
  if (path.endsWith("*")) {
    path = `${path.slice(0, -1)}{*}`;
    parameters.push({ name: "*", wildcard: true, pattern: undefined });
  }
  return { path: prefix + path, parameters };
}
