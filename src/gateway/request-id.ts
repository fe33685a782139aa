// Request ids: every request gets one (the caller's X-Request-Id when it is a sane token, so an
// ERP can follow its own id through our logs), every log line of the request carries it as
// `requestId`, the answer echoes it in X-Request-Id, and every error body has it as `requestId`.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';
/** The log field name (Fastify's own default is reqId). */
export const REQUEST_ID_LOG_LABEL = 'requestId';

/** Letters, digits and . _ : - up to 128: nothing that could forge a log line or a header. */
const SANE = /^[A-Za-z0-9._:-]{1,128}$/;

export function genReqId(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE.test(incoming) ? incoming : randomUUID();
}

/** Echoes the id, and adds it to every JSON error body sent as an object (ours, Fastify's, the codec server's). */
export function requestIdHooks(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    const body = payload as Record<string, unknown> | null;
    // An error body is one with an `error` message (the health probe's 503 is a status, not an error).
    if (reply.statusCode < 400 || typeof body?.error !== 'string') return payload;
    return { ...body, requestId: request.id };
  });
}
