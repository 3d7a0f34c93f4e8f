import { createServer, type AddressInfo, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { answerClientError } from "../../src/adapters/node/index.js";
import { exchange } from "../reliability/hostile-raw-http.js";

// answerClientError as node calls it, and with the error Bun's node:http gives (a `rawPacket`,
// no `bytesParsed`): test/runtimes/client-error.test.ts runs the same under Bun itself.
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function answering(error: Parameters<typeof answerClientError>[0]): Promise<number> {
  const server = createServer((socket) => socket.once("data", () => answerClientError(error, socket)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

const parseError = (packet: string, bytesParsed?: number) =>
  Object.assign(new Error("Parse Error"), { code: "HPE_INVALID_HEADER_TOKEN", rawPacket: Buffer.from(packet), bytesParsed });

describe("answerClientError()", () => {
  const head = "HEAD /items HTTP/1.1\r\nhost: a\r\nno colon\r\n\r\n";
  const pipelined = `GET /a HTTP/1.1\r\nhost: a\r\n\r\n${head}`;
  const cases = [
    { name: "a refused HEAD (node: bytesParsed)", error: parseError(head, 30), head: true },
    { name: "a refused HEAD (Bun: no bytesParsed)", error: parseError(head), head: true },
    { name: "a refused HEAD after a GET (node)", error: parseError(pipelined, pipelined.length - 10), head: true },
    { name: "a refused HEAD after a GET (Bun)", error: parseError(pipelined), head: true },
    { name: "a refused GET (Bun)", error: parseError("GET /a HTTP/1.1\r\nno colon\r\n\r\n"), head: false },
  ];
  for (const { name, error, head: isHead } of cases) {
    it(`answers ${name} with a 400 problem+json${isHead ? " head and no body" : " and its body"}`, async () => {
      const answer = await exchange(await answering(error), Buffer.from("x"), { head: isHead });
      expect(answer.rest).toBe("none");
      expect(answer.responses[0]?.status).toBe(400);
      expect(answer.responses[0]?.headers["content-type"]).toEqual(["application/problem+json"]);
      expect(answer.responses[0]?.body.length === 0).toBe(isHead);
    });
  }
});
