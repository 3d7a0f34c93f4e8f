import FindMyWay from "find-my-way";
import { ConfigurationError } from "../core/errors.js";
import { sortMethods } from "../core/http-methods.js";
import type { Handler } from "../core/view-function.js";

/** One rule of the url map, as `app.addUrlRule` registered it. */
export interface UrlRule {
  readonly rule: string;
  readonly endpoint: string;
  /** Every method the rule serves, HEAD and OPTIONS included where they were added. */
  readonly methods: readonly string[];
  readonly viewFunc: Handler;
  readonly provideAutomaticOptions: boolean;
}

/** Everything served at one path, across all rules on it; rebuilt at mount time only. */
export interface PathEntry {
  /** Method to rule; a null-prototype record. */
  readonly byMethod: Record<string, UrlRule>;
  /** The `Allow` list of the path, across all its rules. */
  allow: readonly string[];
  /** Whether OPTIONS is answered automatically (some rule wants it, none handles OPTIONS). */
  automaticOptions: boolean;
}

/** What a lookup found: the path entry and the decoded parameters, or why there is none. */
export type Match =
  | { readonly kind: "found"; readonly entry: PathEntry; readonly params: Record<string, string> }
  | { readonly kind: "bad-url" }
  | { readonly kind: "none" };

const NONE: Match = { kind: "none" };
const BAD_URL: Match = { kind: "bad-url" };
const noQuery = () => ({});

function shapeOf(rule: string): string {
  return rule.replace(/:[^/]+/g, ":").replace(/\*$/, "*");
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
  private readonly entries = new Map<string, { entry: PathEntry; rule: string }>();
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
    if (slot !== undefined && slot.rule !== rule.rule) {
      throw new ConfigurationError(
        "MV_RULE_CONFLICT",
        `the rule "${rule.rule}" matches the same paths as "${slot.rule}" with other parameter names; use the same names`,
      );
    }
    if (slot === undefined) {
      const entry: PathEntry = { byMethod: Object.create(null) as Record<string, UrlRule>, allow: [], automaticOptions: false };
      try {
        this.router.on("GET", rule.rule, () => undefined, entry);
      } catch (error) {
        throw new ConfigurationError("MV_INVALID_RULE", `the rule "${rule.rule}" is not valid: ${(error as Error).message}`, { cause: error });
      }
      slot = { entry, rule: rule.rule };
      this.entries.set(shape, slot);
    }
    const { entry } = slot;
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

  /** Finds the entry of a path (no query string). */
  match(path: string): Match {
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
