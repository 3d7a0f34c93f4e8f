/**
 * How each input is presented to its schema: plain records (no prototype, so a `__proto__`
 * key is just a key), a string per key and an array of strings for a key that repeats.
 */
export type InputRecord = Record<string, unknown>;

/** Entries as a record: one value per key, an array where a key repeats. */
export function entriesToRecord<V>(entries: Iterable<[string, V]>): InputRecord {
  const record: InputRecord = Object.create(null) as InputRecord;
  for (const [key, value] of entries) {
    const previous = record[key];
    if (previous === undefined) record[key] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else record[key] = [previous, value];
  }
  return record;
}

/** The query string: a string per key, an array for a repeated key. */
export function presentQuery(query: URLSearchParams): InputRecord {
  return entriesToRecord(query);
}

/** The headers: lower-case names, repeated values joined with ", " as `Headers` joins them. */
export function presentHeaders(headers: Headers): InputRecord {
  const record: InputRecord = Object.create(null) as InputRecord;
  headers.forEach((value, name) => (record[name] = value));
  return record;
}

/** A form: a string or a `File` per field, an array for a repeated field. */
export function presentForm(form: FormData): InputRecord {
  return entriesToRecord(form as unknown as Iterable<[string, string | File]>);
}
