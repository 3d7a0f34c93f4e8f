import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { writeNodeResponse } from "../../src/adapters/node/index.js";
import { ViewResponse } from "../../src/index.js";
import { rawExchange, statusLine } from "../reliability/response-wire.js";
import { closeServer } from "./targets.js";

describe("writeNodeResponse()", () => {
  const servers: ReturnType<typeof createServer>[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => closeServer(server)));
  });

  it("answers a 500 problem+json with the reason phrase of 500 when node refuses the headers", async () => {
    const logged: unknown[] = [];
    const logger = { error: (_message: string, error: unknown) => void logged.push(error), warn: () => undefined };
    // A writer called without the App's boundary in front: node itself refuses the header.
    const server = createServer((_req, res) => void writeNodeResponse(res, new ViewResponse(302, { location: "/x\nSet-Cookie: a=b" }, null), "GET", false, logger));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const answer = await rawExchange((server.address() as AddressInfo).port, "GET", "/");
    expect(statusLine(answer)).toBe("HTTP/1.1 500 Internal Server Error");
    expect(answer.responses[0]?.headers["content-type"]).toEqual(["application/problem+json"]);
    expect(answer.responses[0]?.headers.location).toBeUndefined();
    expect(logged).toHaveLength(1);
  });
});
