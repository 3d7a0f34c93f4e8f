import type { FastifyInstance, FastifyRequest } from "fastify";
import { BODY, type BodyKeeping } from "./fastify-source.js";

type Done = (error: Error | null, body?: unknown) => void;

/** Leaves the body unread for the view; keeps the stream a preParsing hook put in its place (decompression, say). */
function leaveUnread(request: FastifyRequest, payload: unknown, done: Done): void {
  if (payload !== request.raw) (request as BodyKeeping)[BODY] = payload as BodyKeeping[typeof BODY];
  done(null, undefined);
}

/** Adds `parse` for `type`, in place of Fastify's default one; a parser the user added stays. */
function addUnlessPresent(fastify: FastifyInstance, type: string): void {
  try {
    fastify.addContentTypeParser(type, leaveUnread);
  } catch (error) {
    if ((error as { code?: unknown }).code !== "FST_ERR_CTP_ALREADY_PRESENT") throw error;
  }
}

/**
 * Sets up the plugin's scope so that views read bodies as they do on every host: Fastify
 * reads no body before the view (its default JSON and text parsers are replaced, and every
 * other type is accepted unread), so `ctx.body()`, `ctx.text()`, `ctx.json()` and
 * `ctx.request` read it under the App's rules: `bodyLimit`, `bodyTimeout`, `handlerTimeout`,
 * content type, charset and JSON checks. A parser the user added before the plugin stays;
 * its value is `ctx.json()` (checked for prototype poisoning as the App's own parser is).
 */
export function keepBodies(fastify: FastifyInstance): void {
  if (!fastify.hasRequestDecorator(BODY)) fastify.decorateRequest(BODY, null);
  addUnlessPresent(fastify, "application/json");
  addUnlessPresent(fastify, "text/plain");
  addUnlessPresent(fastify, "*");
}
