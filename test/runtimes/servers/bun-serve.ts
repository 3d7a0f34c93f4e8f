import { conformanceApp } from "../../adapters/conformance-app.js";
import { announce } from "./announce.js";

// The two members of Bun's global that this server uses (the project has no Bun types).
declare const Bun: {
  serve(options: { port: number; hostname: string; fetch(request: Request): Promise<Response> }): { port: number };
};

const { app } = conformanceApp();
announce(Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: app.fetch }).port);
