// One place where errors become HTTP answers: the library's typed errors by code, Fastify's own
// client errors (bad JSON, body too large) by status, anything else a 500 without internals.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isFlowError, TemporarilyUnavailable, type FlowError } from '../client';
import { unavailableCause } from '../client/errors';

const STATUS_BY_CODE = {
  INVALID_DOCUMENT: 400,
  CONSIGNMENT_NOT_FOUND: 404,
  ACTION_REFUSED: 409,
  TEMPORARILY_UNAVAILABLE: 503,
} as const;

/** The JSON body of a library error: what is wrong, its stable code, and the fields that help. */
export function flowErrorBody(error: FlowError): Record<string, unknown> {
  const body: Record<string, unknown> = { error: error.message, code: error.code };
  if (error.code === 'INVALID_DOCUMENT') body.issues = error.issues;
  if (error.code === 'ACTION_REFUSED') body.reason = error.reason;
  if (error.code === 'TEMPORARILY_UNAVAILABLE') {
    // Says in the body too that a repeat is safe: some HTTP clients drop Retry-After.
    body.cause = error.unavailable;
    body.retryable = true;
    body.retryAfterSeconds = error.retryAfterSeconds;
  }
  return body;
}

export function errorHandler(raw: unknown, request: FastifyRequest, reply: FastifyReply): void {
  // Temporal unreachable from a call the library did not map itself (a list, the feed): still a 503.
  const cause = isFlowError(raw) ? undefined : unavailableCause(raw, false);
  const error = cause ? new TemporarilyUnavailable(request.routeOptions.url ?? 'request', cause) : raw;
  if (isFlowError(error)) {
    if (error.code === 'TEMPORARILY_UNAVAILABLE') {
      request.log.warn({ cause: error.unavailable }, 'Temporal temporarily unavailable');
      void reply.header('retry-after', String(error.retryAfterSeconds));
    }
    void reply.status(STATUS_BY_CODE[error.code]).send(flowErrorBody(error));
    return;
  }
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const { message, code } = error as FastifyError;
    void reply.status(status).send({ error: message, code });
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply.status(500).send({ error: 'internal error', code: 'INTERNAL' });
}
