import { runConformance } from "./conformance.js";
import { targetsNamed } from "./targets.js";

for (const target of [...targetsNamed("app.listen()"), ...targetsNamed("app.fetch")]) runConformance(target);
