import { BadRequest, PayloadTooLarge, UnsupportedMediaType } from "../core/errors.js";
import { decodeText } from "./body.js";
import type { MediaType } from "./media-type.js";

/** Limits on what `ctx.form()` accepts; each past its limit is a 413. */
export interface FormLimits {
  /** Files in one multipart body. @default 10 */
  files?: number;
  /** Bytes of one file. @default the App's bodyLimit */
  fileSize?: number;
  /** Fields other than files. @default 1000 */
  fields?: number;
}

const URLENCODED = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data";

/** Whether a content type names a form: urlencoded or multipart. */
export function isFormType(media: MediaType | undefined): boolean {
  return media?.type === URLENCODED || media?.type === MULTIPART;
}

function tooLarge(what: string, limit: number): PayloadTooLarge {
  return new PayloadTooLarge(`The form has more ${what} than the limit of ${limit}`);
}

function urlencoded(bytes: Uint8Array, charset: string | undefined, limits: Required<FormLimits>): FormData {
  const form = new FormData();
  let fields = 0;
  for (const [name, value] of new URLSearchParams(decodeText(bytes, charset))) {
    if (++fields > limits.fields) throw tooLarge("fields", limits.fields);
    form.append(name, value);
  }
  return form;
}

/** Parses a multipart body with busboy; files become Web `File`s. */
async function multipart(bytes: Uint8Array, contentType: string, limits: Required<FormLimits>): Promise<FormData> {
  // Loaded on first use: an App that reads no multipart form never loads node:stream.
  const { default: busboy } = await import("busboy");
  return new Promise<FormData>((resolve, reject) => {
    const form = new FormData();
    const files: Promise<void>[] = [];
    let failed = false;
    const fail = (error: Error) => {
      if (!failed) reject(error);
      failed = true;
    };
    let parser: ReturnType<typeof busboy>;
    try {
      parser = busboy({ headers: { "content-type": contentType }, limits: { files: limits.files, fileSize: limits.fileSize, fields: limits.fields } });
    } catch (error) {
      return fail(new BadRequest("The multipart body has no valid boundary", { cause: error }));
    }
    parser.on("field", (name, value) => form.append(name, value));
    parser.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => fail(new PayloadTooLarge(`A file of the form is larger than the limit of ${limits.fileSize} bytes`)));
      files.push(
        new Promise<void>((done) =>
          stream.on("close", () => {
            form.append(name, new File(chunks, info.filename ?? "blob", { type: info.mimeType }));
            done();
          }),
        ),
      );
    });
    parser.on("filesLimit", () => fail(tooLarge("files", limits.files)));
    parser.on("fieldsLimit", () => fail(tooLarge("fields", limits.fields)));
    parser.on("error", (error: Error) => fail(new BadRequest("The multipart body is malformed", { cause: error })));
    parser.on("close", () => void Promise.all(files).then(() => (failed ? undefined : resolve(form))));
    parser.end(bytes);
  });
}

/**
 * Reads a form body (already read within the App's `bodyLimit`) as a Web `FormData`: a
 * wrong content type is a 415, a malformed body a 400, a limit passed a 413. `header` is
 * the raw `Content-Type`, whose boundary busboy reads.
 */
export function parseForm(bytes: Uint8Array, media: MediaType | undefined, header: string | undefined, limits: Required<FormLimits>): Promise<FormData> {
  try {
    if (media?.type === URLENCODED) return Promise.resolve(urlencoded(bytes, media.charset, limits));
  } catch (error) {
    return Promise.reject(error);
  }
  if (media?.type === MULTIPART) return multipart(bytes, header as string, limits);
  return Promise.reject(
    new UnsupportedMediaType(
      `Expected a form (content-type: ${URLENCODED} or ${MULTIPART}), got ${header === undefined ? "none" : JSON.stringify(header)}`,
    ),
  );
}
