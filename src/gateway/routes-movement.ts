// The /v1 routes of the rest of the movement: transports, masters, explicit presentations and
// shipments (one transport with its masters and houses in one request). Inputs are checked by the
// client library's schemas, so a 400 names every issue's path and nothing is started.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type z } from 'zod';
import {
  consignmentKeySchema,
  InvalidDocument,
  isFlowError,
  levelListFilterSchema,
  transportKeyParamsSchema,
  type DigitollFlow,
  type LevelStartResult,
  type ShipmentItem,
  type ShipmentRequest,
} from '../client';
import { formatIssues } from '../domain';
import { idempotencyHeaderSchema } from './api-schemas';
import { flowErrorBody } from './errors';
import { presentationParamsSchema } from './openapi-movement';
import { BATCH_BODY_FACTOR } from './routes-batch';
import { local, ROUTES, V1 } from './routes-table';

function valid<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidDocument(formatIssues(parsed.error));
  return parsed.data;
}

/** A JSON object body, or a 400 that says so. */
function objectBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new InvalidDocument([{ path: '', message: 'the body must be a JSON object' }]);
  return body as Record<string, unknown>;
}

const bodyOf = (request: FastifyRequest): Record<string, unknown> =>
  typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {};

const withoutEmpty = (query: unknown) =>
  Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''));

const LOCATIONS = {
  transport: (key: string) => `${V1}/transports/${encodeURIComponent(key)}`,
  master: (key: string) => `${V1}/masters/${key.split(':').map(encodeURIComponent).join('/')}`,
  presentation: (key: string) => {
    const [level, ...rest] = key.split(':');
    return `${V1}/presentations/${level}/${encodeURIComponent(rest.join(':'))}`;
  },
};

function started(reply: FastifyReply, result: LevelStartResult) {
  return reply
    .status(result.created ? 201 : 200)
    .header('location', LOCATIONS[result.level](result.key))
    .send(result);
}

const accepted = (reply: FastifyReply) => reply.status(202).send({ accepted: true });
const transportOf = (request: FastifyRequest) => valid(transportKeyParamsSchema, request.params).transport;
const masterOf = (request: FastifyRequest) => {
  const { type, documentNumber } = valid(consignmentKeySchema, request.params);
  return { type, documentNumber, key: `${type}:${documentNumber}` };
};

function transportRoutes(v1: FastifyInstance, flow: DigitollFlow): void {
  const m = flow.movement;
  v1.post(local(ROUTES.transports), async (request, reply) =>
    started(reply, await m.startTransport(objectBody(request) as never)),
  );
  v1.get(local(ROUTES.transports), async (request) =>
    m.list('transport', valid(levelListFilterSchema, withoutEmpty(request.query))),
  );
  v1.get(local(ROUTES.transport), async (request) => m.transportStatus(transportOf(request)));
  v1.post(local(ROUTES.transportCorrections), async (request) => {
    const body = bodyOf(request);
    const revision = await m.correctTransport(transportOf(request), body.document, {
      reason: body.reason as string,
      idempotencyKey: valid(idempotencyHeaderSchema, request.headers)['idempotency-key'],
    });
    return { revision };
  });
  v1.post(local(ROUTES.transportArrival), async (request) => ({
    revision: await m.updateArrival(transportOf(request), bodyOf(request)),
  }));
  v1.post(local(ROUTES.transportCancel), async (request, reply) => {
    await m.requestCancel('transport', transportOf(request), bodyOf(request));
    return accepted(reply);
  });
  v1.post(local(ROUTES.transportRetry), async (request, reply) => {
    await m.retry('transport', transportOf(request));
    return accepted(reply);
  });
  v1.post(local(ROUTES.transportProvideMrn), async (request) => ({
    mrn: await m.provideMrn('transport', transportOf(request), bodyOf(request).mrn),
  }));
}

function masterRoutes(v1: FastifyInstance, flow: DigitollFlow): void {
  const m = flow.movement;
  v1.post(local(ROUTES.masters), async (request, reply) =>
    started(reply, await m.startMaster(objectBody(request) as never)),
  );
  v1.get(local(ROUTES.masters), async (request) =>
    m.list('master', valid(levelListFilterSchema, withoutEmpty(request.query))),
  );
  v1.get(local(ROUTES.master), async (request) => {
    const { type, documentNumber } = masterOf(request);
    return m.masterStatus(type, documentNumber);
  });
  v1.post(local(ROUTES.masterCorrections), async (request) => {
    const { type, documentNumber } = masterOf(request);
    const body = bodyOf(request);
    const revision = await m.correctMaster(type, documentNumber, body.document, {
      reason: body.reason as string,
      idempotencyKey: valid(idempotencyHeaderSchema, request.headers)['idempotency-key'],
    });
    return { revision };
  });
  v1.post(local(ROUTES.masterCancel), async (request, reply) => {
    await m.requestCancel('master', masterOf(request).key, bodyOf(request));
    return accepted(reply);
  });
  v1.post(local(ROUTES.masterRetry), async (request, reply) => {
    await m.retry('master', masterOf(request).key);
    return accepted(reply);
  });
  v1.post(local(ROUTES.masterProvideMrn), async (request) => ({
    mrn: await m.provideMrn('master', masterOf(request).key, bodyOf(request).mrn),
  }));
}

function presentationRoutes(v1: FastifyInstance, flow: DigitollFlow): void {
  const m = flow.movement;
  v1.post(local(ROUTES.presentations), async (request, reply) =>
    started(reply, await m.startPresentation(objectBody(request) as never)),
  );
  v1.get(local(ROUTES.presentations), async (request) =>
    m.list('presentation', valid(levelListFilterSchema, withoutEmpty(request.query))),
  );
  v1.get(local(ROUTES.presentation), async (request) => {
    const { level, identifier } = valid(presentationParamsSchema, request.params);
    return m.presentationStatus(level, identifier);
  });
  v1.post(local(ROUTES.presentationRetry), async (request, reply) => {
    const { level, identifier } = valid(presentationParamsSchema, request.params);
    await m.retry('presentation', `${level}:${identifier}`);
    return accepted(reply);
  });
}

/** One item's answer, as the HTTP status a single start of it would have had. */
export function shipmentItemResult({ item, level, result }: ShipmentItem) {
  switch (result.outcome) {
    case 'created':
    case 'existing':
      return {
        item,
        level,
        status: result.outcome === 'created' ? 201 : 200,
        workflowId: result.workflowId,
        key: result.key,
      };
    case 'invalid':
      return { item, level, status: 400, error: flowErrorBody(new InvalidDocument(result.issues)) };
    case 'failed': {
      const error = result.error;
      if (isFlowError(error) && error.code === 'TEMPORARILY_UNAVAILABLE')
        return { item, level, status: 503, error: flowErrorBody(error) };
      return { item, level, status: 500, error: { error: 'internal error', code: 'INTERNAL' } };
    }
  }
}

export function movementRoutes(v1: FastifyInstance, flow: DigitollFlow): void {
  transportRoutes(v1, flow);
  masterRoutes(v1, flow);
  presentationRoutes(v1, flow);
  v1.post(
    local(ROUTES.shipments),
    { bodyLimit: v1.initialConfig.bodyLimit! * BATCH_BODY_FACTOR },
    async (request) => {
      const result = await flow.submitShipment(objectBody(request) as ShipmentRequest);
      for (const { item, result: r } of result.items)
        if (r.outcome === 'failed') request.log.error({ err: r.error, item }, 'shipment item failed');
      return { transport: result.transport, items: result.items.map(shipmentItemResult) };
    },
  );
}
