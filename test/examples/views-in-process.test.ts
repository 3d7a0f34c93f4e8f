import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../examples/views-in-process.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("examples/views-in-process.ts main()", () => {
  it("dispatches a View and a MethodView in process and prints each response", async () => {
    const printed: unknown[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => {
      printed.push(line);
    });
    const lines = await main();
    expect(lines).toEqual([
      "GET hello (sync) -> 200 Hello from GET",
      "POST hello (sync) -> 200 Hello from POST",
      'GET todos (sync) -> 200 [{"id":1,"title":"Write tests"}]',
      'POST todos (async) -> 201 {"id":2,"title":"Ship it"}',
      'GET todos (sync) -> 200 [{"id":1,"title":"Write tests"},{"id":2,"title":"Ship it"}]',
      "OPTIONS todos (sync) -> 204 allow: GET, HEAD, POST, OPTIONS",
      "DELETE todos (sync) -> 405 allow: GET, HEAD, POST, OPTIONS",
    ]);
    expect(printed).toEqual(lines);
  });

  it("starts from fresh state on each run", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const first = await main();
    const second = await main();
    expect(second).toEqual(first);
  });
});
