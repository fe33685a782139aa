// The write routes every notification level shares (DOMAIN.md 1b: POST, PUT {mrn}, DELETE {mrn}
// with a body of only documentIssueDate): the body is read into Customs' 400 or handed on, the MRN
// comes from the path. Each level supplies its own document schema and what the three writes do.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { EmulatorContext } from './context';
import { deleteBodySchema } from './document';
import { type Answer, addRoute } from './http';
import type { Mode } from './model';
import { parse } from './outcomes';
import { MODE_SCOPES } from './scopes';
import type { EndpointKind } from './types';

export interface NotificationWrites<D> {
  /** The level's POST path and its `{mrn}` path for PUT and DELETE. */
  url: string;
  urlByMrn: string;
  /** Call-log names of the three writes. */
  endpoints: { create: EndpointKind; replace: EndpointKind; remove: EndpointKind };
  schema: z.ZodType<D>;
  create(document: D): Answer;
  replace(mrn: string, document: D): Answer;
  remove(mrn: string): Answer;
}

const mrnOf = (request: FastifyRequest) => (request.params as { mrn: string }).mrn;

export function registerNotificationWrites<D>(
  app: FastifyInstance,
  ctx: EmulatorContext,
  mode: Mode,
  level: NotificationWrites<D>,
): void {
  const scope = () => MODE_SCOPES[mode];
  const withDocument = (request: FastifyRequest, then: (document: D) => Answer): Answer => {
    const parsed = parse(level.schema, request.body);
    return parsed.ok ? then(parsed.value) : parsed.answer;
  };
  addRoute(app, ctx, {
    method: 'POST',
    url: level.url,
    endpoint: level.endpoints.create,
    scope,
    handler: (request) => withDocument(request, (document) => level.create(document)),
  });
  addRoute(app, ctx, {
    method: 'PUT',
    url: level.urlByMrn,
    endpoint: level.endpoints.replace,
    scope,
    handler: (request) => withDocument(request, (document) => level.replace(mrnOf(request), document)),
  });
  addRoute(app, ctx, {
    method: 'DELETE',
    url: level.urlByMrn,
    endpoint: level.endpoints.remove,
    scope,
    handler: (request) => {
      const parsed = parse(deleteBodySchema, request.body);
      return parsed.ok ? level.remove(mrnOf(request)) : parsed.answer;
    },
  });
}
