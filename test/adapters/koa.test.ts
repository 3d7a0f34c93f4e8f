import { runConformance } from "./conformance.js";
import { targetsNamed } from "./targets.js";

for (const target of targetsNamed("methodview/koa")) runConformance(target);
