import { describe, expectTypeOf, it } from "vitest";
import type { App } from "../../src/index.js";
import { mountDocs, openapi, type DocsOptions, type OpenApiDocument, type OpenApiOptions } from "../../src/openapi/index.js";

describe("methodview/openapi types", () => {
  it("openapi(app, options) returns the document; mountDocs(app, options) the App", () => {
    expectTypeOf(openapi).parameters.toEqualTypeOf<[App, OpenApiOptions]>();
    expectTypeOf(openapi).returns.toEqualTypeOf<OpenApiDocument>();
    expectTypeOf(mountDocs).parameters.toEqualTypeOf<[App, DocsOptions]>();
    expectTypeOf(mountDocs).returns.toEqualTypeOf<App>();
    expectTypeOf<OpenApiDocument["openapi"]>().toEqualTypeOf<"3.1.0">();
    expectTypeOf<DocsOptions>().toMatchTypeOf<OpenApiOptions>();
    // info is required, with its title and version.
    expectTypeOf<{ info: { title: string } }>().not.toMatchTypeOf<OpenApiOptions>();
  });
});
