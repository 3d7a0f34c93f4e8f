import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Served } from "../adapters/conformance.js";
import { exchange, wireHeader } from "../reliability/hostile-raw-http.js";
import { serverPath } from "./paths.js";
import { runtimeCommand } from "./runtime-targets.js";
import { startServerChild } from "./server-child.js";

const refused = {
  // A raw "é" in the target: every parser refuses it.
  "a HEAD with a raw byte in its target": Buffer.concat([Buffer.from("HEAD /params/"), Buffer.from("é"), Buffer.from(" HTTP/1.1\r\nhost: a\r\n\r\n")]),
  "a HEAD with a header line that has no colon": Buffer.from("HEAD /items HTTP/1.1\r\nhost: a\r\nno colon here\r\n\r\n"),
  "a refused HEAD pipelined after a GET": Buffer.from("GET /text HTTP/1.1\r\nhost: a\r\n\r\nHEAD /items HTTP/1.1\r\nhost: a\r\nno colon\r\n\r\n"),
};

describe("answerClientError() on node:http under node, Bun and Deno", () => {
  for (const runtime of ["node", "bun", "deno"] as const) {
    describe(runtime, () => {
      let served: Served;
      let port: number;
      beforeAll(async () => {
        served = await startServerChild(runtimeCommand(runtime, serverPath("node-http-serve")));
        port = Number(new URL(served.url).port);
      });
      afterAll(() => served?.close());

      for (const [name, bytes] of Object.entries(refused)) {
        it(`answers ${name} with a 400 problem+json head and no body`, async () => {
          const answer = await exchange(port, bytes, { head: true });
          // A body after the head would be read as the start of a next response: "malformed".
          expect(answer.rest).toBe("none");
          const last = answer.responses.at(-1);
          expect(last?.status).toBe(400);
          expect(last && wireHeader(last, "content-type")).toBe("application/problem+json");
          expect(last?.body.length).toBe(0);
        });
      }

      it("answers a refused GET with the problem+json body", async () => {
        const answer = await exchange(port, Buffer.from("GET /items HTTP/1.1\r\nhost: a\r\nno colon here\r\n\r\n"));
        expect(answer.rest).toBe("none");
        expect(answer.responses[0]?.status).toBe(400);
        expect(JSON.parse(answer.responses[0]?.body.toString("utf8") ?? "")).toMatchObject({ status: 400, code: "MV_MALFORMED_REQUEST" });
      });
    });
  }
});
