import FindMyWay from "find-my-way";
import { FixedPathTable } from "./fixed-path-table.js";
import { ConfigurationError } from "../core/errors.js";
import { sortMethods } from "../core/http-methods.js";
import type { Handler } from "../core/view-function.js";
import type { RunOrder, Scope } from "./scope.js";
import type { RouteContracts } from "../contract/compile-contracts.js";
import { removeDotSegments, type ResolvedTarget } from "./request-target.js";

/** One rule of the url map, as `app.addUrlRule` registered it. */
export interface UrlRule {
  readonly rule: string;
  readonly endpoint: string;
  /** Every method the rule serves, HEAD and OPTIONS included where they were added. */
  readonly methods: readonly string[];
  readonly viewFunc: Handler;
  readonly provideAutomaticOptions: boolean;
  /**
   * Flask's `strict_slashes`: `true`, a rule `/users/` answers `/users` with a 308 to
   * `/users/`; `false`, it serves both (as does `/users` for `/users/`).
   */
  readonly strictSlashes: boolean;
  /** Whose hooks and error handlers run around it: the App's, then its blueprints', outer first. */
  readonly scopes: readonly Scope[];
  /** Those hooks flattened in run order, rebuilt after a registration changed them. */
  order: RunOrder | undefined;
  /**
   * Method to the route's compiled contract (schemas, responses, summary, tags...), for the
   * methods that declare one; `undefined` when none does. Read by document builders.
   */
  readonly contracts: RouteContracts | undefined;
}

/** Everything served at one path, across all rules on it; rebuilt at mount time only. */
export interface PathEntry {
  /** Method to rule; a null-prototype record. */
  readonly byMethod: Record<string, UrlRule>;
  /** The `Allow` list of the path, across all its rules. */
  allow: readonly string[];
  /** Whether OPTIONS is answered automatically (some rule wants it, none handles OPTIONS). */
  automaticOptions: boolean;
  /** Set on the path without its trailing slash of a strict rule `/users/`: answer with a 308 there. */
  addSlash: boolean;
}

/** What a lookup found: the path entry and the decoded parameters, or why there is none. */
export type Match =
  | { readonly kind: "found"; readonly entry: PathEntry; readonly params: Record<string, string> }
  | { readonly kind: "bad-url" }
  | { readonly kind: "none" };

/** A request target the App routed: the target, its decoded path, and what the url map found there. */
export interface RoutedTarget {
  readonly target: ResolvedTarget;
  /** The decoded path, `ctx.path`; the raw one when its percent-encoding is malformed. */
  readonly path: string;
  readonly match: Match;
}

const NONE: Match = { kind: "none" };
/** The parameters of a path without any: one frozen record, shared. */
export const NO_PARAMS: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);
// A path find-my-way matches only as written: no parameter, wildcard, regex or escape.
const FIXED_PATH = /^[A-Za-z0-9._~/-]*$/;
const BAD_URL: Match = { kind: "bad-url" };
const noQuery = () => ({});

function shapeOf(rule: string): string {
  return rule.replace(/:[^/]+/g, ":").replace(/\*$/, "*");
}

/** A distinct path of the map; an alias is the other-slash form of a rule's path. */
interface Slot {
  entry: PathEntry;
  rule: string;
  alias: boolean;
}

function emptyEntry(addSlash: boolean): PathEntry {
  return { byMethod: Object.create(null) as Record<string, UrlRule>, allow: [], automaticOptions: false, addSlash };
}

/**
 * The App's url map: rules by endpoint, and one find-my-way tree that matches paths. Every
 * path is registered once; the methods are looked up in the path's own entry, which is
 * what lets one lookup tell 404 from 405 and answer OPTIONS.
 */
export class UrlMap {
  private readonly router = FindMyWay({
    maxParamLength: 1000,
    querystringParser: noQuery,
    onBadUrl: () => undefined,
  });
  private readonly entries = new Map<string, Slot>();
  /** The paths with no parameter, to their match: found without the router, nothing made per request. */
  private readonly fixed = new FixedPathTable<Match>();
  /**
   * The fixed paths that routing leaves as they are (no dot segment), to their routed target:
   * a request target spelled exactly so is routed with this one lookup. Frozen, as they are shared.
   */
  private readonly asIs = new FixedPathTable<RoutedTarget>();
  private readonly rules: UrlRule[] = [];
  private readonly byEndpoint = new Map<string, UrlRule>();

  add(rule: UrlRule): void {
    const taken = this.byEndpoint.get(rule.endpoint);
    if (taken !== undefined && taken.viewFunc !== rule.viewFunc) {
      throw new ConfigurationError(
        "MV_ENDPOINT_TAKEN",
        `endpoint "${rule.endpoint}" is already taken by the rule "${taken.rule}" with another view function; pass a different endpoint`,
      );
    }
    const shape = shapeOf(rule.rule);
    let slot = this.entries.get(shape);
    if (slot !== undefined && !slot.alias && slot.rule !== rule.rule) {
      throw new ConfigurationError(
        "MV_RULE_CONFLICT",
        `the rule "${rule.rule}" matches the same paths as "${slot.rule}" with other parameter names; use the same names`,
      );
    }
    if (slot === undefined || slot.alias) slot = this.ownSlot(rule.rule, shape, slot);
    const { entry } = slot;
    this.addSlashAlias(rule, entry);
    for (const method of rule.methods) {
      if (method === "OPTIONS" && rule.provideAutomaticOptions) continue;
      const existing = entry.byMethod[method];
      if (method === "HEAD") {
        // A HEAD added for a GET never displaces a rule that serves HEAD itself.
        if (existing === undefined || !rule.methods.includes("GET")) entry.byMethod.HEAD = rule;
        continue;
      }
      if (existing !== undefined && existing.endpoint !== rule.endpoint) {
        throw new ConfigurationError("MV_RULE_CONFLICT", `${method} ${rule.rule} is already served by the endpoint "${existing.endpoint}"`);
      }
      entry.byMethod[method] = rule;
    }
    entry.automaticOptions = entry.byMethod.OPTIONS === undefined && (entry.automaticOptions || rule.provideAutomaticOptions);
    entry.allow = sortMethods([...Object.keys(entry.byMethod), ...(entry.automaticOptions ? ["OPTIONS"] : [])]);
    this.rules.push(rule);
    this.byEndpoint.set(rule.endpoint, rule);
  }

  /** The path's own slot: a new one, or an alias a rule of that very path now takes over. */
  private ownSlot(path: string, shape: string, alias: Slot | undefined): Slot {
    if (alias !== undefined) {
      // The rule's own path wins over the redirect or the alias another rule put there.
      this.router.off("GET", alias.rule);
      this.fixed.delete(alias.rule);
      this.asIs.delete(alias.rule);
    }
    const entry = emptyEntry(false);
    this.on(path, entry);
    const slot = { entry, rule: path, alias: false };
    this.entries.set(shape, slot);
    return slot;
  }

  /** Registers the other-slash form of a rule's path: a 308 redirect, or (not strict) the same entry. */
  private addSlashAlias(rule: UrlRule, entry: PathEntry): void {
    const path = rule.rule;
    if (path === "/" || path.endsWith("*")) return;
    const slashed = path.endsWith("/");
    if (rule.strictSlashes && !slashed) return;
    const other = slashed ? path.slice(0, -1) : `${path}/`;
    const shape = shapeOf(other);
    if (this.entries.has(shape)) return;
    const target = rule.strictSlashes ? emptyEntry(true) : entry;
    this.on(other, target);
    this.entries.set(shape, { entry: target, rule: other, alias: true });
  }

  private on(path: string, entry: PathEntry): void {
    try {
      this.router.on("GET", path, () => undefined, entry);
    } catch (error) {
      throw new ConfigurationError("MV_INVALID_RULE", `the rule "${path}" is not valid: ${(error as Error).message}`, { cause: error });
    }
    if (!FIXED_PATH.test(path)) return;
    const match: Match = { kind: "found", entry, params: NO_PARAMS };
    this.fixed.set(path, match);
    if (removeDotSegments(path) !== path) return;
    const target: ResolvedTarget = Object.freeze({ path, query: "", url: path });
    this.asIs.set(path, Object.freeze({ target, path, match }));
  }

  /** The routed target of a request target that is exactly a fixed path, as the full routing would give it. */
  routedAsIs(target: string): RoutedTarget | undefined {
    return this.asIs.get(target);
  }

  /** Finds the entry of a path (no query string). */
  match(path: string): Match {
    const fixed = this.fixed.get(path);
    if (fixed !== undefined) return fixed;
    const found = this.router.find("GET", path);
    if (found === null) return NONE;
    if (found.store === null) return BAD_URL;
    return { kind: "found", entry: found.store as PathEntry, params: found.params as Record<string, string> };
  }

  /** Every rule, in registration order. */
  list(): readonly UrlRule[] {
    return this.rules;
  }

  /** The rule of an endpoint. */
  rule(endpoint: string): UrlRule | undefined {
    return this.byEndpoint.get(endpoint);
  }
}
