// The app.listen() shutdown scenario, run as its own process by shutdown.test.ts:
//   node --import @swc-node/register/esm-register test/reliability/shutdown-server.ts
// It serves the scenario App and reports on stdout, one JSON object a line. SIGTERM calls
// close() (as a real server does on SIGTERM); SIGUSR2 releases the gated requests. It never
// calls process.exit(): it must end on its own once close() is done and its work is over.
import { shutdownScenario } from "./shutdown-app.js";

const emit = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

const scenario = shutdownScenario();
const server = await scenario.app.listen({ port: 0 });
emit({ event: "listening", url: server.url, port: server.port });
void scenario.allIn.then(() => emit({ event: "in-flight", count: scenario.inHandler() }));

process.once("SIGTERM", () => {
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  const closing = server.close();
  process.once("SIGUSR2", () => scenario.release());
  process.once("exit", (code) => emit({ event: "exit", code, afterMs: since(), tasks: scenario.tasks }));
  emit({ event: "closing", inFlight: scenario.inHandler() });
  void closing.then((report) =>
    emit({
      event: "closed",
      afterMs: since(),
      report,
      tasks: { ...scenario.tasks },
      warnings: scenario.warnings,
      // What still keeps the process alive: the late task's timer, nothing of the server's.
      resources: process.getActiveResourcesInfo(),
    }),
  );
});
