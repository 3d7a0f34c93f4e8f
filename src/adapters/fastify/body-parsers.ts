import { isUtf8 } from "node:buffer";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { BODY, type BodyKeeping } from "./fastify-source.js";

type Done = (error: Error | null, body?: unknown) => void;

/** Adds a parser for `type` in place of Fastify's default one; a parser the user added stays. */
function replaceDefault(fastify: FastifyInstance, type: string, parse: (request: FastifyRequest, body: Buffer, done: Done) => void): void {
  try {
    fastify.addContentTypeParser(type, { parseAs: "buffer" }, parse);
  } catch (error) {
    if ((error as { code?: unknown }).code !== "FST_ERR_CTP_ALREADY_PRESENT") throw error;
  }
}

/**
 * Sets up the plugin's scope so that views read bodies as they do on every host, without
 * reading a stream twice:
 * - `application/json` and `text/plain` are read by Fastify (its `bodyLimit`: a 413 before
 *   the view) and parsed by its default parsers, prototype poisoning refused; the bytes are
 *   kept for `ctx.body()` and `ctx.text()`, the parsed JSON is `ctx.json()`. Parsers the user
 *   added for these types before the plugin are left in place.
 * - any other type is left unread for `ctx.body()`, `ctx.text()` and `ctx.json()` to read
 *   within the App's `bodyLimit` (or answer 415), instead of Fastify's 415.
 */
export function keepBodies(fastify: FastifyInstance): void {
  if (!fastify.hasRequestDecorator(BODY)) fastify.decorateRequest(BODY, null);
  const json = fastify.getDefaultJsonParser("error", "error");
  replaceDefault(fastify, "application/json", (request, body, done) => {
    (request as BodyKeeping)[BODY] = body;
    // Bytes that are not UTF-8 are left unparsed too (Fastify's parser would decode them lossily).
    if (!isUtf8(body)) return done(null, undefined);
    // A body Fastify's parser refuses (empty, malformed, poisoned) is no error unless the view
    // reads it: then ctx.json() parses the kept bytes and refuses it as the App does.
    json(request, body as unknown as string, (error, value) => done(null, error === null ? value : undefined));
  });
  replaceDefault(fastify, "text/plain", (request, body, done) => {
    (request as BodyKeeping)[BODY] = body;
    done(null, body.toString("utf8"));
  });
  try {
    fastify.addContentTypeParser("*", (request, payload, done) => {
      // A preParsing hook may have replaced the request stream (decompression): read that one.
      if (payload !== request.raw) (request as BodyKeeping)[BODY] = payload;
      done(null, undefined);
    });
  } catch (error) {
    if ((error as { code?: unknown }).code !== "FST_ERR_CTP_ALREADY_PRESENT") throw error;
  }
}
