// Loaded before a doc program runs: every server it starts listens on a free port instead of
// the one the guide names, and the first port is reported to the test over IPC.
import { Server } from "node:net";

const listen = Server.prototype.listen;
let reported = false;

Server.prototype.listen = function (this: Server, ...args: unknown[]) {
  const first = args[0];
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) args[0] = 0;
  else if (first !== null && typeof first === "object" && "port" in first) args[0] = { ...first, port: 0 };
  this.once("listening", () => {
    const address = this.address();
    if (!reported && address !== null && typeof address === "object") {
      reported = true;
      process.send?.({ port: address.port });
    }
  });
  return listen.apply(this, args as Parameters<typeof listen>);
} as typeof listen;
