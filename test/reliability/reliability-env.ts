/** A whole number from the environment variable `name`, at least `min`, or `fallback` when unset. */
export function fromEnv(name: string, fallback: number, min: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < min) throw new TypeError(`${name} must be a whole number from ${min}, got ${JSON.stringify(process.env[name])}`);
  return value;
}
