import type { StandardSchemaV1 } from "@standard-schema/spec";
import { convertSchema, type Converted, type Direction, type JsonSchema } from "./json-schema.js";

const COMPONENTS = "#/components/schemas/";
/** A reference into the converted schema's own definitions. */
const LOCAL_DEF = /^#\/(?:\$defs|definitions)\/([^/]+)(.*)$/;

/** What an input schema gives a list of parameters: its properties and which are required. */
export interface ObjectShape {
  readonly properties: Readonly<Record<string, JsonSchema>>;
  readonly required: ReadonlySet<string>;
}

function componentName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_") || "Schema";
}

function unescapePointer(token: string): string {
  let decoded = token;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    // Not percent-encoded after all: the token as written.
  }
  return decoded.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** Calls `visit` on every `$ref` string of a schema, depth first. */
function eachRef(node: unknown, visit: (ref: string) => void): void {
  if (Array.isArray(node)) return node.forEach((item) => eachRef(item, visit));
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") visit(value);
    else eachRef(value, visit);
  }
}

/** A copy of a schema with every `$ref` passed through `target`. */
function rewriteRefs(node: unknown, target: (ref: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, target));
  if (node === null || typeof node !== "object") return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === "$ref" && typeof value === "string" ? target(value) : rewriteRefs(value, target);
  return out;
}

/** The local definitions `node` reaches, transitively, in the order first met. */
function reachable(node: unknown, defs: Converted["defs"]): string[] {
  const seen = new Set<string>();
  const walk = (from: unknown) =>
    eachRef(from, (ref) => {
      const local = LOCAL_DEF.exec(ref);
      const name = local === null ? undefined : unescapePointer(local[1]!);
      if (name === undefined || seen.has(name) || defs[name] === undefined) return;
      seen.add(name);
      walk(defs[name]);
    });
  walk(node);
  return [...seen];
}

/**
 * What a schema is, for reusing a component name: its JSON with that of every definition it
 * reaches, so that two conversions share a component only when all it refers to is the same.
 */
function signature(node: unknown, defs: Converted["defs"]): string {
  return JSON.stringify([node, ...reachable(node, defs).map((name) => [name, defs[name]])]);
}

/** Whether a schema points into its own root (`#`, `#/properties/...`): a recursive schema. */
function refersToRoot(converted: Converted, defs: readonly string[]): boolean {
  let found = false;
  const check = (ref: string) => {
    if ((ref === "#" || ref.startsWith("#/")) && !LOCAL_DEF.test(ref)) found = true;
  };
  eachRef(converted.root, check);
  for (const name of defs) eachRef(converted.defs[name], check);
  return found;
}

function isAlias(root: JsonSchema): boolean {
  const keys = Object.keys(root);
  return keys.length === 1 && typeof root.$ref === "string" && LOCAL_DEF.test(root.$ref);
}

/**
 * The schemas of a document: converts each Standard Schema once per direction, and places
 * what is shared under `components/schemas`, once. A schema used more than once, one with a
 * `title`, and a recursive one become a component (named from its `title`, else from its
 * first use); the definitions a library emits (`$defs`, zod's `.meta({ id })`) become
 * components of their own, their `$ref`s rewritten. A schema that cannot be converted is
 * reported once through `warn` and documented as `{}`.
 */
export class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};
  /** Component name to the {@link signature} it was made from, so that the same schema reuses its name. */
  private readonly made = new Map<string, string>();
  private readonly uses = new Map<StandardSchemaV1, Record<Direction, number>>();
  private readonly placed = new Map<StandardSchemaV1, Partial<Record<Direction, JsonSchema>>>();
  private readonly warned = new Map<StandardSchemaV1, Set<Direction>>();
  /** The bodies of the components just named, made once every name of a conversion is known. */
  private readonly pending: (() => void)[] = [];

  constructor(private readonly warn: (message: string) => void) {}

  /** Adds a component of the document's own (`Problem`); the schemas' components give way to it. */
  define(name: string, schema: JsonSchema): string {
    const placed = this.allocate(name, JSON.stringify(schema), () => schema);
    this.flushPending();
    return placed;
  }

  /** Notes one use of a body or response schema; run over the whole document before {@link use}. */
  count(schema: StandardSchemaV1, direction: Direction): void {
    let counts = this.uses.get(schema);
    if (counts === undefined) this.uses.set(schema, (counts = { input: 0, output: 0 }));
    counts[direction]++;
  }

  /** The schema of a body or a response: inline, or a `$ref` to its component. */
  use(schema: StandardSchemaV1, direction: Direction, where: string, hint: string): JsonSchema {
    let byDirection = this.placed.get(schema);
    if (byDirection === undefined) this.placed.set(schema, (byDirection = {}));
    const shared = (this.uses.get(schema)?.[direction] ?? 0) > 1;
    const placed = (byDirection[direction] ??= this.place(schema, direction, where, hint, shared));
    return structuredClone(placed);
  }

  /** The schema itself where `schema` is a `$ref` to one of the components. */
  resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    return typeof ref === "string" && ref.startsWith(COMPONENTS) ? (this.schemas[ref.slice(COMPONENTS.length)] ?? schema) : schema;
  }

  /**
   * The properties of a `params`, `query` or `headers` schema, one parameter each; `undefined`
   * (with a warning) when the schema is not an object of properties.
   */
  shape(schema: StandardSchemaV1, where: string, hint: string): ObjectShape | undefined {
    const json = this.resolve(this.place(schema, "input", where, hint, false, false));
    const properties = json.properties;
    if (properties === null || typeof properties !== "object" || Array.isArray(properties)) {
      // An unconvertible schema was reported already; a convertible one that is no object is reported here.
      if (Object.keys(json).length > 0) this.report(schema, "input", `${where} is not an object schema with properties, so no parameters are documented for it`);
      return undefined;
    }
    const required = Array.isArray(json.required) ? json.required.filter((name): name is string => typeof name === "string") : [];
    return { properties: properties as Record<string, JsonSchema>, required: new Set(required) };
  }

  private place(schema: StandardSchemaV1, direction: Direction, where: string, hint: string, shared: boolean, titled = true): JsonSchema {
    const converted = convertSchema(schema, direction);
    if (typeof converted === "string") {
      this.report(schema, direction, `${where} cannot be converted to JSON Schema (${converted}); it is documented as {}`);
      return {};
    }
    const defs = reachable(converted.root, converted.defs);
    const names = new Map<string, string>();
    let rootName: string | undefined;
    const target = (ref: string): string => {
      const local = LOCAL_DEF.exec(ref);
      if (local !== null) {
        const name = names.get(unescapePointer(local[1]!));
        return name === undefined ? ref : `${COMPONENTS}${name}${local[2]}`;
      }
      return (ref === "#" || ref.startsWith("#/")) && rootName !== undefined ? `${COMPONENTS}${rootName}${ref.slice(1)}` : ref;
    };
    // The input side keeps the plain name where it is the output side too, else it is `NameInput`.
    const counterpart = direction === "input" ? convertSchema(schema, "output") : undefined;
    const output = typeof counterpart === "object" ? counterpart : undefined;
    const nameOf = (base: string, mine: unknown, theirs: unknown) =>
      componentName(output !== undefined && signature(mine, converted.defs) !== signature(theirs, output.defs) ? `${base}Input` : base);
    for (const name of defs) {
      const def = converted.defs[name]!;
      const base = nameOf(name, def, output?.defs[name]);
      names.set(name, this.allocate(base, signature(def, converted.defs), () => rewriteRefs(def, target) as JsonSchema));
    }
    const { root } = converted;
    const title = typeof root.title === "string" ? root.title : undefined;
    const own = !isAlias(root) && (shared || (titled && title !== undefined) || refersToRoot(converted, defs));
    if (own) {
      const base = nameOf(title ?? hint, root, output?.root);
      rootName = this.allocate(base, signature(root, converted.defs), () => rewriteRefs(root, target) as JsonSchema);
    }
    // The components' bodies are made once every name is known, since they refer to each other.
    this.flushPending();
    return rootName === undefined ? (rewriteRefs(root, target) as JsonSchema) : { $ref: `${COMPONENTS}${rootName}` };
  }

  /**
   * A component name for a schema of this {@link signature}: the name it was placed under
   * before, else `base`, `base2`, `base3`... Its body is made by `make` once all the names of
   * the conversion are chosen.
   */
  private allocate(base: string, signed: string, make: () => JsonSchema): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}${n}`;
      const taken = this.made.get(name);
      if (taken === signed) return name;
      if (taken !== undefined) continue;
      this.made.set(name, signed);
      this.pending.push(() => (this.schemas[name] = make()));
      return name;
    }
  }

  private flushPending(): void {
    for (const make of this.pending.splice(0)) make();
  }

  private report(schema: StandardSchemaV1, direction: Direction, message: string): void {
    let done = this.warned.get(schema);
    if (done === undefined) this.warned.set(schema, (done = new Set()));
    if (done.has(direction)) return;
    done.add(direction);
    this.warn(`openapi(): ${message}`);
  }
}
