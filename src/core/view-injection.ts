import "reflect-metadata";
import { injectable } from "tsyringe";
import type { ViewClass } from "./view-function.js";

/** The metadata key under which tsyringe's `@inject(token)` records parameter tokens. */
const INJECTION_TOKENS = "injectionTokens";

/** What TypeScript emits for a parameter it cannot name (interfaces, unions, `any`) or a primitive. */
const NOT_A_TOKEN: ReadonlySet<unknown> = new Set([undefined, null, Object, String, Number, Boolean, Symbol, BigInt, Function, Array, Promise]);

const hasOwnConstructor = (cls: ViewClass) => /\bconstructor\s*\(/.test(Function.prototype.toString.call(cls));

/**
 * The class whose constructor builds `cls`'s instances: `cls`, or the ancestor whose
 * constructor it inherits. A class without a constructor of its own has `length` 0 even
 * when the inherited one takes dependencies, hence the walk.
 */
function constructorOwner(cls: ViewClass): ViewClass {
  let owner = cls;
  while (owner.length === 0 && !hasOwnConstructor(owner)) {
    const parent: unknown = Object.getPrototypeOf(owner);
    if (typeof parent !== "function" || parent === Function.prototype) return cls;
    owner = parent as ViewClass;
  }
  return owner;
}

/** Whether tsyringe must build `cls`: its constructor (or an inherited one) takes dependencies. */
export function needsInjection(cls: ViewClass): boolean {
  return constructorOwner(cls).length > 0 || Reflect.getMetadata("design:paramtypes", cls) !== undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Checks, when the view function is made, that the container can build `cls`, and tells
 * tsyringe its parameter tokens (as `@injectable()` does), so a view class that only lacks
 * `@injectable()` still works. Throws a TypeError naming the class and the fixes otherwise:
 * without it, every request would fail (`TypeInfo not known`) or get `undefined` dependencies.
 */
export function prepareInjection(cls: ViewClass): void {
  const owner = constructorOwner(cls);
  const declared = owner.length;
  if (declared === 0 && Reflect.getMetadata("design:paramtypes", cls) === undefined) return;
  const types = Reflect.getOwnMetadata("design:paramtypes", owner) as unknown[] | undefined;
  const tokens = {
    ...(Reflect.getOwnMetadata(INJECTION_TOKENS, owner) as Record<string, unknown> | undefined),
    ...(Reflect.getOwnMetadata(INJECTION_TOKENS, cls) as Record<string, unknown> | undefined),
  };
  const count = Math.max(declared, types?.length ?? 0);
  const tokenAt = (i: number) => tokens[i] ?? types?.[i];
  for (let i = 0; i < declared; i++) {
    const token = tokenAt(i);
    if (!NOT_A_TOKEN.has(token)) continue;
    const why =
      types === undefined
        ? `there is no design:paramtypes metadata for ${owner.name}'s constructor and no @inject() token for parameter ${i + 1}`
        : `parameter ${i + 1} is typed as ${typeof token === "function" ? token.name : String(token)} (an interface, a union, any or a primitive), which is no token to resolve`;
    throw new TypeError(
      `${cls.name}: the container cannot build this view; its constructor${owner === cls ? "" : ` (inherited from ${owner.name})`} takes ` +
        `${plural(declared, "parameter")} and ${why}. Fix it one of three ways: compile with legacy decorators and metadata ` +
        `("experimentalDecorators": true and "emitDecoratorMetadata": true, with tsc or swc; tsx and esbuild emit no metadata, ` +
        `and standard decorators have none) and decorate the class with @injectable(); name each parameter's token with ` +
        `@inject(token); or pass the constructor's arguments as classArgs (${cls.name}.asView(name, ...args), or ` +
        `app.register(path, ${cls.name}, { classArgs }))`,
    );
  }
  // A parameter with a default (after `declared`) that is no token keeps its default: tsyringe
  // must not be told to resolve it.
  for (let i = declared; i < count; i++) if (NOT_A_TOKEN.has(tokenAt(i))) return;
  // What @injectable() records; a subclass that lacks it is thus built with its parent's tokens.
  if (owner !== cls && Reflect.getOwnMetadata(INJECTION_TOKENS, cls) === undefined && Object.keys(tokens).length > 0) {
    Reflect.defineMetadata(INJECTION_TOKENS, tokens, cls);
  }
  injectable()(cls as unknown as new (...args: unknown[]) => unknown);
}
