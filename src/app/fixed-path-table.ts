/** Paths shorter than this are found by length, then by `===`; longer ones through a `Map`. */
const SHORT = 128;
/** A length with more paths than this is looked up through the `Map`. */
const CROWDED = 8;

interface Bucket<V> {
  readonly paths: string[];
  readonly values: V[];
}

/**
 * A map from fixed paths to values that finds a request's path without hashing it. The path
 * is a fresh string on every request, and a `Map` hashes it before it looks (about 280
 * instructions on `/json`, a third of what routing costs); here the path's length picks the
 * few paths of that length, and `===` tells them apart, as a hand-written router's
 * `if (url === "/json")` does.
 */
export class FixedPathTable<V> {
  private readonly all = new Map<string, V>();
  private readonly byLength: (Bucket<V> | undefined)[] = new Array<Bucket<V> | undefined>(SHORT).fill(undefined);

  get(path: string): V | undefined {
    const length = path.length;
    if (length >= SHORT) return this.all.get(path);
    const bucket = this.byLength[length];
    if (bucket === undefined) return undefined;
    const paths = bucket.paths;
    if (paths.length > CROWDED) return this.all.get(path);
    for (let i = 0; i < paths.length; i++) if (paths[i] === path) return bucket.values[i];
    return undefined;
  }

  set(path: string, value: V): void {
    this.all.set(path, value);
    if (path.length >= SHORT) return;
    const bucket = (this.byLength[path.length] ??= { paths: [], values: [] });
    const at = bucket.paths.indexOf(path);
    if (at === -1) {
      bucket.paths.push(path);
      bucket.values.push(value);
    } else bucket.values[at] = value;
  }

  delete(path: string): void {
    if (!this.all.delete(path) || path.length >= SHORT) return;
    const bucket = this.byLength[path.length]!;
    const at = bucket.paths.indexOf(path);
    bucket.paths.splice(at, 1);
    bucket.values.splice(at, 1);
    if (bucket.paths.length === 0) this.byLength[path.length] = undefined;
  }
}
