import { runConformance } from "../adapters/conformance.js";
import { runtimeTargets } from "./runtime-targets.js";

for (const target of runtimeTargets) runConformance(target);
