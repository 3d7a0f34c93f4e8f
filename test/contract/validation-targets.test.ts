import { targets } from "../adapters/targets.js";
import { libraries } from "./libraries.js";
import { runValidationCases } from "./validation-cases.js";

// Every schema library on every host of the conformance suite.
for (const target of targets) for (const library of libraries) runValidationCases(target, library);
