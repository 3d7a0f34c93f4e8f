import { conformanceApp } from "../../adapters/conformance-app.js";
import { announce } from "./announce.js";

// The one member of Deno's global that this server uses (the project has no Deno types).
declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen(address: { port: number }): void },
    handler: (request: Request) => Promise<Response>,
  ): unknown;
};

const { app } = conformanceApp();
Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: ({ port }) => announce(port) }, app.fetch);
