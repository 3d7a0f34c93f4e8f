import { everyOptionApp, warnings } from "./test/openapi/every-option-app.ts";
import { openapi } from "./src/openapi/index.ts";
import { validate } from "@readme/openapi-parser";
const app = everyOptionApp();
const doc = openapi(app, { info: { title: "All", version: "1.0.0" }, prefix: "/api" });
console.log(JSON.stringify(doc, null, 1));
console.log(warnings);
console.log(JSON.stringify(await validate(structuredClone(doc)), null, 1).slice(0, 3000));
