import { runQueueCases } from "./queue-cases.js";

runQueueCases("memory", () => ({ backend: "memory" }));
