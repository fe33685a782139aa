// The /v1 routes. Each handler validates with the client library's schemas (every issue goes to
// the 400 body through the error handler) before the library touches Temporal.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  consignmentKeySchema,
  InvalidDocument,
  listFilterSchema,
  type CreateConsignmentRequest,
  type DigitollFlow,
} from '../client';
import { formatIssues } from '../domain';
import { idempotencyHeaderSchema, statusQuerySchema } from './api-schemas';
import { batchRoute } from './routes-batch';
import { movementRoutes } from './routes-movement';
import { local, ROUTES, V1 } from './routes-table';

type Params = { type: string; documentNumber: string };

function valid<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidDocument(formatIssues(parsed.error));
  return parsed.data;
}

const keyOf = (request: FastifyRequest): Params => valid(consignmentKeySchema, request.params);

/** Body fields as sent; a missing or non-object body reads as {} so the schema names what is missing. */
function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/** Query parameters without the empty ones, so `?phase=&needsAttention=true` filters by attention only. */
function withoutEmpty(query: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''),
  );
}

export const locationOf = (type: string, documentNumber: string) =>
  `${V1}/consignments/${encodeURIComponent(type)}/${encodeURIComponent(documentNumber)}`;

export async function consignmentRoutes(v1: FastifyInstance, flow: DigitollFlow): Promise<void> {
  v1.post(local(ROUTES.create), async (request, reply) => {
    if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
      throw new InvalidDocument([{ path: '', message: 'the body must be a JSON object' }]);
    }
    const started = await flow.start(request.body as CreateConsignmentRequest);
    return reply
      .status(started.created ? 201 : 200)
      .header('location', locationOf(started.type, started.documentNumber))
      .send(started);
  });

  batchRoute(v1, flow);
  movementRoutes(v1, flow);

  v1.get(local(ROUTES.list), async (request) =>
    flow.list(valid(listFilterSchema, withoutEmpty(request.query))),
  );

  v1.get(local(ROUTES.status), async (request) => {
    const { type, documentNumber } = keyOf(request);
    const { view } = valid(statusQuerySchema, withoutEmpty(request.query));
    return view === 'full'
      ? flow.status(type, documentNumber, { view: 'full' })
      : flow.status(type, documentNumber);
  });

  v1.post(local(ROUTES.corrections), async (request) => {
    const { type, documentNumber } = keyOf(request);
    const body = bodyOf(request);
    // The key goes to the library as is: DigitollFlow.correct applies the update-id prefix.
    const revision = await flow.correct(type, documentNumber, body.document, {
      reason: body.reason as string,
      idempotencyKey: valid(idempotencyHeaderSchema, request.headers)['idempotency-key'],
    });
    return { revision };
  });

  v1.post(local(ROUTES.arrival), async (request, reply) => {
    const { type, documentNumber } = keyOf(request);
    const arrival = await flow.arrive(type, documentNumber, bodyOf(request));
    if (arrival.recorded) return reply.status(202).send({ accepted: true });
    return reply.status(200).send({ accepted: true, alreadyRecorded: true, reason: arrival.reason });
  });

  v1.post(local(ROUTES.cancel), async (request, reply) => {
    const { type, documentNumber } = keyOf(request);
    await flow.requestCancel(type, documentNumber, { reason: bodyOf(request).reason as string });
    return reply.status(202).send({ accepted: true });
  });

  v1.post(local(ROUTES.retry), async (request, reply) => {
    const { type, documentNumber } = keyOf(request);
    await flow.retry(type, documentNumber);
    return reply.status(202).send({ accepted: true });
  });

  v1.post(local(ROUTES.provideMrn), async (request) => {
    const { type, documentNumber } = keyOf(request);
    return { mrn: await flow.provideMrn(type, documentNumber, bodyOf(request).mrn as string) };
  });

  feedRoutes(v1, flow);
}

function feedRoutes(v1: FastifyInstance, flow: DigitollFlow): void {
  const notRunning = { error: 'the routing feed is not running', code: 'FEED_NOT_RUNNING' };
  v1.get(local(ROUTES.routingFeed), async (_request, reply) => {
    const status = await flow.routingFeedStatus();
    return status ?? reply.status(404).send(notRunning);
  });
  v1.post(local(ROUTES.routingFeedAcknowledge), async (request, reply) => {
    // The library validates the body (an empty body acknowledges everything seen so far).
    const status = await flow.acknowledgeRoutingFeed(bodyOf(request));
    return status ?? reply.status(404).send(notRunning);
  });
}
