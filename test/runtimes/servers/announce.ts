import process from "node:process";

/**
 * What every server child does once it listens: it prints `listening <port>`, the one line the
 * suite reads (children listen on port 0, so no two runs collide), and it exits when its stdin
 * closes, so that it never outlives the test process, even one that was killed.
 */
export function announce(port: number): void {
  process.stdin.on("end", () => process.exit(0));
  process.stdin.on("close", () => process.exit(0));
  process.stdin.resume();
  console.log(`listening ${port}`);
}
