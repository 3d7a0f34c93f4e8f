import { mkdir, writeFile } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import type { CloseReport } from "../../src/index.js";
import { shutdownScenario, SHUTDOWN, type ShutdownTasks } from "./shutdown-app.js";
import { ScriptProcess } from "./shutdown-child.js";
import { idleConnection, probeConnect, sendGated, timed, wrongAnswers } from "./shutdown-client.js";
import { shutdownHosts } from "./shutdown-hosts.js";

const LAST_RUN = new URL("./.last-run/", import.meta.url);
/** How long the child may take to end by itself after SIGTERM: the late task ends 1 s past the deadline. */
const EXIT_BOUND_MS = SHUTDOWN.lateTaskMs + 5000;

const figures: Record<string, unknown>[] = [];

afterAll(async () => {
  await mkdir(LAST_RUN, { recursive: true });
  const run = { date: new Date().toISOString(), node: process.version, scenario: SHUTDOWN, runs: figures };
  await writeFile(new URL("shutdown.json", LAST_RUN), `${JSON.stringify(run, null, 2)}\n`);
});

/** What every host must report: no request left, the in-time task done, the late one pending. */
function expectReport(report: CloseReport, tasks: ShutdownTasks): void {
  expect(report.requests).toEqual({ pending: 0, timedOut: false });
  expect(report.background.pending).toBe(1);
  expect(report.background.timedOut).toBe(true);
  expect(report.background.completed).toBeGreaterThanOrEqual(1);
  expect(tasks).toEqual({ quick: SHUTDOWN.inFlight, inTime: true, late: false });
}

describe("app.close() under load", () => {
  it(`app.listen() in its own process: ${SHUTDOWN.inFlight} requests in flight finish, new connections are refused, background work is drained, the process ends by itself`, async () => {
    const server = new ScriptProcess(new URL("./shutdown-server.ts", import.meta.url));
    try {
      const { url, port } = (await server.next("listening")) as unknown as { url: string; port: number };
      const idle = await idleConnection(url);
      const gated = sendGated(url, SHUTDOWN.inFlight);
      await server.next("in-flight");

      server.child.kill("SIGTERM");
      const closing = await server.next("closing");
      const refused = await probeConnect(port);
      const idleClosed = await timed(idle.closed, 1000);
      server.child.kill("SIGUSR2");
      const answers = await gated.answers;
      const closed = await server.next("closed");
      const exited = await timed(server.exit, EXIT_BOUND_MS);
      const ended = server.events.find((event) => event.event === "exit");
      gated.agent.destroy();
      idle.agent.destroy();

      const report = closed.report as CloseReport;
      figures.push({
        host: "app.listen() (child process)",
        inFlightAtClose: closing.inFlight,
        answered: answers.length - wrongAnswers(answers).length,
        connectionClose: answers.filter((answer) => answer.connection === "close").length,
        freshConnection: refused,
        idleKeepAliveClosedAfterMs: idleClosed?.afterMs,
        closeResolvedAfterMs: closed.afterMs,
        report,
        tasksAtClose: closed.tasks,
        resourcesAtClose: closed.resources,
        exit: exited?.value,
        exitAfterMs: ended?.afterMs,
      });
      console.log(`shutdown app.listen(): ${JSON.stringify(figures.at(-1))}`);

      expect(closing.inFlight).toBe(SHUTDOWN.inFlight);
      expect(refused).toBe("ECONNREFUSED");
      expect(idleClosed, "the idle keep-alive connection was closed at once").toBeDefined();
      expect(wrongAnswers(answers)).toEqual([]);
      expect(answers.every((answer) => answer.connection === "close")).toBe(true);
      expectReport(report, closed.tasks as ShutdownTasks);
      // Nothing of the server is left, only the late task's timer.
      expect(closed.resources).not.toContain("TCPServerWrap");
      expect(closed.resources).not.toContain("TCPSocketWrap");
      expect(exited?.value, `the process did not end by itself within ${EXIT_BOUND_MS} ms; stderr: ${server.stderr}`).toEqual({ code: 0, signal: null });
      expect(ended?.tasks).toEqual({ quick: SHUTDOWN.inFlight, inTime: true, late: true });
      expect(server.stderr).toBe("");
    } finally {
      server.kill();
    }
  }, 30_000);

  for (const host of shutdownHosts) {
    it(`${host.name}: the host's close() with app.close() finishes ${SHUTDOWN.inFlight} requests in flight and drains background work`, async () => {
      const scenario = shutdownScenario();
      const served = await host.serve(scenario.app);
      const idle = await idleConnection(served.url);
      const gated = sendGated(served.url, SHUTDOWN.inFlight);
      let shutdown: ReturnType<typeof served.shutdown> | undefined;
      try {
        await scenario.allIn;
        const inFlightAtClose = scenario.inHandler();
        shutdown = served.shutdown();
        const tasks = shutdown.app.then(() => ({ ...scenario.tasks }));
        const serverClosed = timed(shutdown.server, SHUTDOWN.shutdownTimeout + 2000);
        const appClosed = timed(shutdown.app, SHUTDOWN.shutdownTimeout + 2000);
        const refused = await probeConnect(served.port);
        const idleClosed = await timed(idle.closed, 1000);
        scenario.release();
        const answers = await gated.answers;
        const [app, server] = await Promise.all([appClosed, serverClosed]);
        figures.push({
          host: host.name,
          inFlightAtClose,
          answered: answers.length - wrongAnswers(answers).length,
          connectionClose: answers.filter((answer) => answer.connection === "close").length,
          freshConnection: refused,
          idleKeepAliveClosedAfterMs: idleClosed?.afterMs,
          serverClosedAfterMs: server?.afterMs,
          closeResolvedAfterMs: app?.afterMs,
          report: app?.value,
          tasksAtClose: app === undefined ? undefined : await tasks,
        });
        console.log(`shutdown ${host.name}: ${JSON.stringify(figures.at(-1))}`);

        expect(inFlightAtClose).toBe(SHUTDOWN.inFlight);
        expect(refused).toBe("ECONNREFUSED");
        expect(idleClosed, "the idle keep-alive connection was closed at once").toBeDefined();
        expect(wrongAnswers(answers)).toEqual([]);
        expect(app, "app.close() settled within shutdownTimeout").toBeDefined();
        expect(server, "the host server closed").toBeDefined();
        if (host.saysConnectionClose) {
          // The last responses closed their connections: the server closed well before the deadline.
          expect(answers.every((answer) => answer.connection === "close")).toBe(true);
          expect(server!.afterMs).toBeLessThan(SHUTDOWN.shutdownTimeout);
        }
        expectReport(app!.value, await tasks);
        expect(scenario.warnings).toHaveLength(1);
      } finally {
        scenario.release();
        gated.agent.destroy();
        idle.agent.destroy();
        if (shutdown === undefined) served.shutdown();
      }
    }, 30_000);
  }
});
