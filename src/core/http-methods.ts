/** The methods a MethodView finds by handler name: `get()`, `post()`, ... */
export const NAMED_HANDLERS: Readonly<Record<string, string>> = {
  get: "GET",
  post: "POST",
  put: "PUT",
  patch: "PATCH",
  delete: "DELETE",
  head: "HEAD",
  options: "OPTIONS",
  trace: "TRACE",
};

const ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"];
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const UPPER = new Set(ORDER);

/** A request's method upper-cased, as every host hands it to the App: the standard ones as they come. */
export function upperMethod(method: string): string {
  return UPPER.has(method) ? method : method.toUpperCase();
}

/**
 * Upper-cases and validates a list of method names. `owner` names the view or route in the
 * error thrown for anything that is not a list of HTTP method tokens.
 */
export function normalizeMethods(methods: unknown, owner: string): string[] {
  if (typeof methods === "string" || !Array.isArray(methods)) {
    throw new TypeError(`${owner}: methods must be an array of method names such as ["GET", "POST"], got ${JSON.stringify(methods)}`);
  }
  const result: string[] = [];
  for (const method of methods as unknown[]) {
    if (typeof method !== "string" || !TOKEN.test(method)) {
      throw new TypeError(`${owner}: ${JSON.stringify(method)} is not an HTTP method name`);
    }
    const upper = method.toUpperCase();
    if (!result.includes(upper)) result.push(upper);
  }
  return result;
}

/** Sorts methods the way `Allow` lists them: the standard ones in a fixed order, then the rest. */
export function sortMethods(methods: Iterable<string>): string[] {
  return [...new Set(methods)].sort((a, b) => {
    const ia = ORDER.indexOf(a);
    const ib = ORDER.indexOf(b);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? ORDER.length : ia) - (ib === -1 ? ORDER.length : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
