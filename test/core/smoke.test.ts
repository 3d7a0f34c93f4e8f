import "reflect-metadata";
import { injectable } from "tsyringe";
import { describe, expect, it } from "vitest";
import { MethodView, get, post, type RequestContext } from "../../src/index.js";
import { makeContext } from "../helpers/fake-context.js";

class Repo { list() { return [1, 2]; } }

@injectable()
class Items extends MethodView {
  constructor(private readonly repo: Repo) { super(); }
  get() { return this.repo.list(); }
  @post create(ctx: RequestContext) { return ctx.method; }
  @get("/:id") show(ctx: RequestContext) { return ctx.params.id; }
}

describe("smoke", () => {
  it("works", () => {
    const view = Items.asView("items");
    expect(view.methods).toEqual(["GET", "POST"]);
    expect(view(makeContext("GET"))).toEqual([1, 2]);
    expect(view(makeContext("POST"))).toBe("POST");
  });
});
