// One place where errors become HTTP answers: the library's typed errors by code, Fastify's own
// client errors (bad JSON, body too large) by status, anything else a 500 without internals.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isFlowError } from '../client';

const STATUS_BY_CODE = {
  INVALID_DOCUMENT: 400,
  CONSIGNMENT_NOT_FOUND: 404,
  ACTION_REFUSED: 409,
} as const;

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  if (isFlowError(error)) {
    const body: Record<string, unknown> = { error: error.message, code: error.code };
    if (error.code === 'INVALID_DOCUMENT') body.issues = error.issues;
    if (error.code === 'ACTION_REFUSED') body.reason = error.reason;
    void reply.status(STATUS_BY_CODE[error.code]).send(body);
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
