import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App, type RequestContext } from "../../src/index.js";

function formApp(options: ConstructorParameters<typeof App>[0] = {}): App {
  const app = new App(options);
  app.route(
    "/upload",
    async (ctx: RequestContext) => {
      const form = await ctx.form();
      const files = form.getAll("file").flatMap((value) => (typeof value === "string" ? [] : [value]));
      return {
        title: form.get("title"),
        files: await Promise.all(files.map(async (file) => ({ name: file.name, type: file.type, text: await file.text() }))),
      };
    },
    { methods: ["POST"] },
  );
  return app;
}

function upload(app: App, body: FormData | string, headers: Record<string, string> = {}) {
  return app.request("/upload", { method: "POST", body, headers });
}

function withFiles(count: number, size = 3): FormData {
  const form = new FormData();
  form.append("title", "holiday");
  for (let i = 0; i < count; i++) form.append("file", new File(["x".repeat(size)], `f${i}.txt`, { type: "text/plain" }));
  return form;
}

describe("ctx.form()", () => {
  it("reads a multipart form: fields as strings, files as Web Files", async () => {
    const res = await upload(formApp(), withFiles(2));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      title: "holiday",
      files: [
        { name: "f0.txt", type: "text/plain", text: "xxx" },
        { name: "f1.txt", type: "text/plain", text: "xxx" },
      ],
    });
  });

  it("reads a urlencoded form", async () => {
    const res = await upload(formApp(), "title=a%20b&title=c", { "content-type": "application/x-www-form-urlencoded" });
    expect(await res.json()).toEqual({ title: "a b", files: [] });
  });

  it.each([
    ["too many files", { formLimits: { files: 2 } }, withFiles(3), 413],
    ["a file too large", { formLimits: { fileSize: 10 } }, withFiles(1, 11), 413],
    ["too many fields", { formLimits: { fields: 0 } }, withFiles(0), 413],
    ["a body past bodyLimit", { bodyLimit: 100 }, withFiles(1, 200), 413],
  ])("answers %s with a 413", async (_what, options, form, status) => {
    const res = await upload(formApp(options), form);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers 400 for a malformed multipart body and 415 for a body that is no form", async () => {
    const malformed = await upload(formApp(), "no boundary here", { "content-type": "multipart/form-data" });
    expect(malformed.status).toBe(400);
    const cut = await upload(formApp(), "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", { "content-type": "multipart/form-data; boundary=b" });
    expect(cut.status).toBe(400);
    const json = await upload(formApp(), "{}", { "content-type": "application/json" });
    expect(json.status).toBe(415);
  });

  it("presents a form to a body schema, a File where a file was sent", async () => {
    const app = new App();
    const Upload = z.object({ title: z.string().min(1), file: z.instanceof(File) });
    app.route("/up", (ctx) => ({ title: ctx.valid.body.title, size: ctx.valid.body.file.size }), { methods: ["POST"], body: Upload });
    const form = new FormData();
    form.append("title", "t");
    form.append("file", new File(["abcd"], "a.bin"));
    expect(await (await app.request("/up", { method: "POST", body: form })).json()).toEqual({ title: "t", size: 4 });
    const missing = new FormData();
    missing.append("title", "");
    const res = await app.request("/up", { method: "POST", body: missing });
    expect(res.status).toBe(422);
    const { errors } = (await res.json()) as { errors: { path: string }[] };
    expect(errors.map((e) => e.path)).toEqual(["/title", "/file"]);
  });
});
