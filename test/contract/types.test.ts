import { type } from "arktype";
import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { App, MethodView, get, post, type RequestContext, type Valid, type ValidInputs } from "../../src/index.js";

const Paging = z.object({ page: z.coerce.number().default(1), q: z.string().optional() });
const Item = v.object({ name: v.string(), price: v.number() });
const Id = type({ id: "string.integer.parse" });

// These tests are checked by `tsc --noEmit`; at run time they mostly only prove the file loads.
describe("Valid<{ ... }>", () => {
  it("types ctx.valid from each schema's output", () => {
    type Ctx = Valid<{ query: typeof Paging; body: typeof Item; params: typeof Id }>;
    expectTypeOf<Ctx["valid"]["query"]>().toEqualTypeOf<{ page: number; q?: string | undefined }>();
    expectTypeOf<Ctx["valid"]["body"]>().toEqualTypeOf<{ name: string; price: number }>();
    expectTypeOf<Ctx["valid"]["params"]>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<Ctx>().toExtend<RequestContext>();
  });

  it("has only the inputs declared", () => {
    expectTypeOf<keyof ValidInputs<{ query: typeof Paging }>>().toEqualTypeOf<"query">();
    const handler = (ctx: Valid<{ query: typeof Paging }>) => {
      // @ts-expect-error: no body schema was declared, so there is no ctx.valid.body
      void ctx.valid.body;
      // @ts-expect-error: page is a number once the schema coerced it, not a string
      const page: string = ctx.valid.query.page;
      return page;
    };
    expectTypeOf(handler).parameter(0).toExtend<RequestContext>();
  });

  it("types app.route's handler from the options given", () => {
    const app = new App();
    app.route("/items", (ctx) => {
      expectTypeOf(ctx.valid.query.page).toEqualTypeOf<number>();
      return null;
    }, { query: Paging });
    // @ts-expect-error: a body schema is a Standard Schema, not a plain object (and a TypeError at mount)
    expect(() => app.route("/bad", () => null, { body: { name: "string" } })).toThrow(TypeError);
  });

  it("takes route options on the decorators", () => {
    class Items extends MethodView {
      @get({ query: Paging, summary: "List" })
      list(ctx: Valid<{ query: typeof Paging }>) {
        return { page: ctx.valid.query.page };
      }
      @post("/:id", { params: Id, body: Item, responses: { 201: { schema: Item, description: "Saved" } } })
      save(ctx: Valid<{ params: typeof Id; body: typeof Item }>) {
        return [{ ...ctx.valid.body, id: ctx.valid.params.id }, 201];
      }
    }
    expectTypeOf(Items).toExtend<abstract new () => MethodView>();
  });
});
