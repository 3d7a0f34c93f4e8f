/**
 * Identity that survives two copies of methodview in one process: its ESM and its CommonJS
 * build (the dual-package hazard), or two installed versions. A branded class carries a
 * `Symbol.for("methodview.<Name>")` key on its prototype, which is the same symbol in every
 * copy, and its `static [Symbol.hasInstance]` accepts any object that carries it. A class a
 * user derives from one keeps plain `instanceof`, since the brand is the class's own.
 */
const BRAND = Symbol.for("methodview.brand");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClass = abstract new (...args: any[]) => unknown;

/** Brands `cls` as methodview's `name`, the same in every copy of the package. */
export function brand(cls: AnyClass, name: string): void {
  const key = Symbol.for(`methodview.${name}`);
  Object.defineProperty(cls, BRAND, { value: key });
  Object.defineProperty(cls.prototype, key, { value: true });
}

const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];

/** `value instanceof cls`, where a branded class also accepts its twin from another copy. */
export function isInstance(cls: AnyClass, value: unknown): boolean {
  // On the request path (every handler result goes through one): primitives first, then the prototype chain.
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  if (ordinaryHasInstance.call(cls, value)) return true;
  const key = Object.hasOwn(cls, BRAND) ? (cls as { [BRAND]?: symbol })[BRAND] : undefined;
  return key !== undefined && (value as Record<symbol, unknown>)[key] === true;
}

/** What identifies `cls` across copies: its brand when it has one, otherwise the class itself. */
export function identityOf(cls: unknown): unknown {
  return typeof cls === "function" && Object.hasOwn(cls, BRAND) ? (cls as { [BRAND]?: symbol })[BRAND] : cls;
}
