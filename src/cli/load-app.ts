import { existsSync } from "node:fs";
import { register } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { App } from "../app/app.js";

/** Why the CLI stops: one line for the user, and the exit code. */
export class CliError extends Error {
  readonly code = "MV_CLI";
}

const TYPESCRIPT = /\.[cm]?tsx?$/;

/** Loads a TypeScript module through @swc-node/register when it is installed (decorator metadata kept). */
async function allowTypeScript(): Promise<void> {
  try {
    register("@swc-node/register/esm", pathToFileURL(`${process.cwd()}/`));
  } catch (error) {
    throw new CliError(`cannot load TypeScript: install @swc-node/register (npm i -D @swc-node/register @swc/core), or build the app and pass the .js file (${(error as Error).message})`);
  }
}

/**
 * Imports `path` and finds its App: the default export, an export named `app`, or a
 * function (sync or async) among them that returns one.
 */
export async function loadApp(path: string | undefined): Promise<App> {
  if (path === undefined) throw new CliError("give the module that exports your App, e.g. methodview routes ./src/app.ts");
  const file = resolve(path);
  if (!existsSync(file)) throw new CliError(`no such file: ${path}`);
  if (TYPESCRIPT.test(file)) await allowTypeScript();
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`could not load ${path}: ${(error as Error).message.split("\n")[0]}`);
  }
  for (const candidate of [module.default, module.app, module.createApp]) {
    const value = typeof candidate === "function" && !(candidate.prototype instanceof App) ? await (candidate as () => unknown)() : candidate;
    if (value instanceof App) return value;
  }
  throw new CliError(`${path} exports no App: export it as default, as "app", or a function that returns one`);
}
