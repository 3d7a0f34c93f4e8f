/**
 * What every bench server shares: where to listen, whether to run the scenario 5 hooks,
 * how to say it is ready, and how to bow out when the package it needs is not there yet.
 * The harness reads the first line a server prints: `listening <port>` or `unavailable <why>`.
 */
export const HOST = "127.0.0.1";
export const PORT = Number(process.env.PORT ?? 0);
export const HOOKS = process.env.HOOKS === "1";

// A clean exit on SIGTERM, so that `node --cpu-prof` writes its profile when the harness stops a server.
process.once("SIGTERM", () => process.exit(0));

// The harness asks for this process's CPU time (user + system, µs) around each measured slice.
process.on("message", (message) => {
  if (message === "cpu") {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpu: user + system });
  }
});

export function announce(port: number): void {
  console.log(`listening ${port}`);
}

/** The port of a listening node:http server. */
export function portOf(server: { address(): unknown }): number {
  return (server.address() as { port: number }).port;
}

/**
 * Imports `specifier` (a variable, so the compiler does not resolve it: the methodview
 * subpaths come from the built dist/), or prints `unavailable` and exits when it fails.
 */
export async function importOrSkip<T>(specifier: string): Promise<T> {
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    console.log(`unavailable ${specifier}: ${(error as Error).message.split("\n")[0]}`);
    process.exit(0);
  }
}

/** The body of scenarios 1 and 4, built fresh per request as a handler would. */
export function hello(): { hello: string } {
  return { hello: "world" };
}
