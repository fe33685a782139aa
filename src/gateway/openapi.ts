// The OpenAPI 3 document, generated from the same zod schemas that validate the requests, so the
// document cannot drift from what the gateway accepts. Built once: zod's registry holds each id once.
// The /v1 operations are here; probes, docs, metrics and the codec server in openapi-ops.ts.
import { OpenAPIRegistry, OpenApiGeneratorV3, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import {
  acknowledgeSchema,
  arrivalSchema,
  batchCreateSchema,
  cancelSchema,
  consignmentKeySchema,
  correctionSchema,
  createConsignmentSchema,
  MAX_BATCH_ITEMS,
  provideMrnSchema,
} from '../client';
import { houseConsignmentSchema } from '../domain';
import * as api from './api-schemas';
import { movementOperations } from './openapi-movement';
import { errorResponses, json, operationsRoutes, type Route } from './openapi-ops';
import { ROUTES, toOpenApiPath } from './routes-table';

export { ROUTES, toOpenApiPath };

function consignmentRoutes(route: Route, registry: OpenAPIRegistry): void {
  const security = [
    { [registry.registerComponent('securitySchemes', 'bearerAuth', bearer).name]: [] },
    { [registry.registerComponent('securitySchemes', 'apiKeyHeader', apiKeyHeader).name]: [] },
  ];
  const house = houseConsignmentSchema.meta({ id: 'HouseConsignment' });
  const create = createConsignmentSchema.safeExtend({ consignment: house }).meta({ id: 'CreateConsignment' });
  const status = api.statusSchema.meta({ id: 'ConsignmentStatus' });
  const summary = api.statusSummarySchema.meta({ id: 'ConsignmentStatusSummary' });
  const e = errorResponses(api.errorSchema.meta({ id: 'Error' }));
  const v1 = { ...e.auth, ...e.rateLimited, ...e.unavailable };
  const keyed = { ...v1, ...e.input, ...e.notFound };
  const action = { ...keyed, ...e.refused };
  const body = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } } } });
  const params = consignmentKeySchema;
  const v1Route = (
    method: RouteConfig['method'],
    path: string,
    config: Omit<RouteConfig, 'method' | 'path'>,
  ) => route(method, path, { security, ...config });

  v1Route('post', ROUTES.create, {
    summary: 'Start a consignment (idempotent: a repeat returns the existing one)',
    request: body(create),
    responses: {
      201: json(api.startResultSchema, 'Started'),
      200: json(api.startResultSchema, 'Already exists (same run)'),
      ...v1,
      ...e.input,
    },
  });
  v1Route('post', ROUTES.batch, {
    summary: `Start up to ${MAX_BATCH_ITEMS} consignments, each as POST /v1/consignments would (idempotent, checked on its own: an invalid item starts nothing, the others go on). One result per item, in order. Counts as one request for the rate limit.`,
    request: body(batchCreateSchema.safeExtend({ items: create.array().max(MAX_BATCH_ITEMS) })),
    responses: { 200: json(api.batchResultSchema, 'One outcome per item'), ...v1, ...e.input },
  });
  v1Route('get', ROUTES.list, {
    summary:
      'One page of consignments, filtered by phase, needs-attention, ERP reference and start time; follow nextPageToken until it is absent: every consignment comes once',
    request: { query: api.listQuerySchema },
    responses: { 200: json(api.listSchema, 'One page'), ...v1, ...e.input },
  });
  v1Route('get', ROUTES.status, {
    summary:
      'Status of one consignment: by default the summary the workflow keeps (replays nothing, answers while workers are down); view=full for the whole status with timeline and routing history',
    request: { params, query: api.statusQuerySchema },
    responses: {
      200: json(summary.or(status), 'ConsignmentStatusSummary by default; ConsignmentStatus with view=full'),
      ...keyed,
    },
  });
  v1Route('post', ROUTES.corrections, {
    summary:
      'Replace the whole document (REJECTED, INCOMPLETE, ENTRY_PENDING, or registered before the border: sent with a PUT); Idempotency-Key applies it once',
    request: {
      params,
      headers: api.idempotencyHeaderSchema,
      ...body(correctionSchema.safeExtend({ document: house })),
    },
    responses: { 200: json(api.revisionSchema, 'New revision'), ...action },
  });
  v1Route('post', ROUTES.arrival, {
    summary: 'The transport arrived',
    request: { params, ...body(arrivalSchema) },
    responses: {
      202: json(api.acceptedSchema, 'Recorded'),
      200: json(
        api.alreadyRecordedSchema,
        'Already recorded: a repeat that changes nothing is not recorded again',
      ),
      ...action,
    },
  });
  v1Route('post', ROUTES.cancel, {
    summary:
      'Cancel before the border (DELETE at Customs when registered); answers 202 once the consignment accepted it: follow the phase to CANCELLED. Refused (409) once the goods reached the border',
    request: { params, ...body(cancelSchema) },
    responses: { 202: json(api.acceptedSchema, 'Accepted'), ...action },
  });
  v1Route('post', ROUTES.retry, {
    summary: 'Operator: try the parked step again',
    request: { params },
    responses: { 202: json(api.acceptedSchema, 'Signalled'), ...action },
  });
  v1Route('post', ROUTES.provideMrn, {
    summary: 'Operator: supply the MRN of a house Customs holds but whose MRN was lost (phase MRN_UNKNOWN)',
    request: { params, ...body(provideMrnSchema) },
    responses: { 200: json(api.mrnSchema, 'Stored; waiting corrections and cancels go on'), ...action },
  });
  movementOperations(v1Route, e);
  v1Route('get', ROUTES.routingFeed, {
    summary: 'Status of the routing feed',
    responses: { 200: json(api.routingFeedSchema, 'Status'), ...v1, ...e.feedNotRunning },
  });
  v1Route('post', ROUTES.routingFeedAcknowledge, {
    summary: "Operator: acknowledge the feed's unexplained and undeliverable items (clears NeedsAttention)",
    request: body(acknowledgeSchema),
    responses: {
      200: json(api.routingFeedSchema, 'Status afterwards'),
      ...v1,
      ...e.input,
      ...e.feedNotRunning,
    },
  });
}

const bearer = { type: 'http', scheme: 'bearer', description: 'An API key from GATEWAY_API_KEYS' } as const;
const apiKeyHeader = { type: 'apiKey', in: 'header', name: 'X-Api-Key' } as const;

function buildDocument() {
  const registry = new OpenAPIRegistry();
  const route: Route = (method, path, config) =>
    registry.registerPath({ method, path: toOpenApiPath(path), ...config });
  consignmentRoutes(route, registry);
  operationsRoutes(route);

  // OpenAPI 3.0 has no webhooks section: the event and its signature are a component.
  const webhookEvent = {
    type: 'schema' as const,
    schema: api.webhookEventSchema.meta({ id: 'WebhookEvent' }),
  };
  return new OpenApiGeneratorV3([...registry.definitions, webhookEvent]).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'digitoll-flow gateway',
      version: '1.0.0',
      description:
        'House consignments through Norwegian Customs Digitoll, one durable workflow each. Every answer carries X-Request-Id (yours, when you send a sane one), and every error body its requestId. /v1 is limited per API key (GATEWAY_RATE_LIMIT_PER_MINUTE): over it, 429 with Retry-After. ERPs are told of changes by webhook: see the WebhookEvent component for the payload and its X-Digitoll-Signature header.',
    },
  });
}

let document: ReturnType<typeof buildDocument> | undefined;

export function openApiDocument(): ReturnType<typeof buildDocument> {
  document ??= buildDocument();
  return document;
}
