import { createApp } from "./examples/rest-api/app.ts";
import { openapi } from "./src/openapi/index.ts";
import { validate } from "@readme/openapi-parser";
const api = await createApp();
const doc = openapi(api.app, { info: { title: "REST API", version: "1.0.0" } });
console.log(JSON.stringify(doc.components, null, 1).slice(0, 5000));
console.log(JSON.stringify(await validate(structuredClone(doc)), null, 1).slice(0, 3000));
await api.close();
