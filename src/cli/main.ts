#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startWorker } from "../tasks/start-worker.js";
import { CliError, loadApp } from "./load-app.js";
import { routesTable, type RouteSort } from "./routes-table.js";

const HELP = `usage: methodview <command> <module> [options]

commands:
  routes <module>   print the App's routes (Endpoint, Methods, Rule), as flask routes does
      --sort endpoint|methods|rule|match   (default endpoint; match is registration order)
      --all-methods                        show HEAD and OPTIONS too
  worker <module>   run the App's task queue workers in this process, until SIGTERM/SIGINT

<module> exports an App: as default, as "app", or a function returning one. A .ts module
is loaded through @swc-node/register when it is installed.`;

const SORTS: readonly RouteSort[] = ["endpoint", "methods", "rule", "match"];

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { sort: { type: "string" }, "all-methods": { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
  });
  const [command, module] = positionals;
  if (values.help || command === undefined) {
    console.log(HELP);
    return;
  }
  if (command === "routes") {
    const sort = (values.sort ?? "endpoint") as RouteSort;
    if (!SORTS.includes(sort)) throw new CliError(`--sort must be one of ${SORTS.join(", ")}, got "${values.sort}"`);
    console.log(routesTable(await loadApp(module), { sort, allMethods: values["all-methods"] }));
    // The module may have started servers or timers of its own: the listing is all we came for.
    process.exit(0);
  }
  if (command === "worker") {
    const app = await loadApp(module);
    await startWorker(app);
    console.log(`methodview worker: taking jobs (pid ${process.pid})`);
    return;
  }
  throw new CliError(`unknown command "${command}"; the commands are routes and worker (methodview --help)`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`methodview: ${error instanceof CliError ? error.message : error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
