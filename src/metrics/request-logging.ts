// The gateway's request log: every line of a request about one consignment carries its workflow
// id and business key (type + documentNumber), so an operator can follow a consignment from the
// ERP's call to the worker's Customs calls. Fastify's log controller binds them as soon as the
// route's params are known, before its own "incoming request" line, so Fastify's lines, the error
// handler's and the routes' all have them. Headers go through the logger's redaction
// (REDACTED_HEADERS); bodies are never logged (personal data).
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { consignmentWorkflowId } from '../shared';

/** The consignment a request is about, from the route's params; undefined for other routes. */
export function consignmentKeyOf(params: unknown) {
  const { type, documentNumber } = (params ?? {}) as Record<string, unknown>;
  if (typeof type !== 'string' || typeof documentNumber !== 'string') return undefined;
  return { workflowId: consignmentWorkflowId(type, documentNumber), type, documentNumber };
}

/** Pass as Fastify's `logController`: a request-scoped child logger with the consignment key. */
export class ConsignmentLogController extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>) {
    const key = consignmentKeyOf(request.params);
    if (key) {
      request.log = request.log.child(key);
      reply.log = request.log;
    }
    super.incomingRequest(request, reply, metadata);
  }
}
