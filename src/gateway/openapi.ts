// The OpenAPI 3 document, generated from the same zod schemas that validate the requests, so the
// document cannot drift from what the gateway accepts. Built once: zod's registry holds each id once.
import {
  OpenAPIRegistry,
  OpenApiGeneratorV3,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import {
  acknowledgeSchema,
  arrivalSchema,
  cancelSchema,
  consignmentKeySchema,
  correctionSchema,
  createConsignmentSchema,
  provideMrnSchema,
} from '../client';
import { houseConsignmentSchema } from '../domain';
import * as api from './api-schemas';

/** Paths as Fastify spells them (":param"); the document uses "{param}". */
export const ROUTES = {
  create: '/v1/consignments',
  list: '/v1/consignments',
  status: '/v1/consignments/:type/:documentNumber',
  corrections: '/v1/consignments/:type/:documentNumber/corrections',
  arrival: '/v1/consignments/:type/:documentNumber/arrival',
  cancel: '/v1/consignments/:type/:documentNumber/cancel',
  retry: '/v1/consignments/:type/:documentNumber/retry',
  provideMrn: '/v1/consignments/:type/:documentNumber/mrn',
  routingFeed: '/v1/routing-feed',
  routingFeedAcknowledge: '/v1/routing-feed/acknowledge',
  health: '/healthz',
  openapi: '/openapi.json',
} as const;

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const json = (schema: z.ZodType, description: string): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});

function buildDocument() {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from GATEWAY_API_KEYS',
  });
  const header = registry.registerComponent('securitySchemes', 'apiKeyHeader', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
  });
  const security = [{ [bearer.name]: [] }, { [header.name]: [] }];
  const house = houseConsignmentSchema.meta({ id: 'HouseConsignment' });
  const error = api.errorSchema.meta({ id: 'Error' });
  const status = api.statusSchema.meta({ id: 'ConsignmentStatus' });
  const errors = {
    400: json(error, 'Invalid input: every issue with its path'),
    401: json(error, 'Missing or wrong API key'),
  };
  const keyed = { 404: json(error, 'Unknown consignment'), 409: json(error, 'Refused in this phase') };
  const body = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } } } });
  const params = consignmentKeySchema;
  const route = (method: RouteConfig['method'], path: string, config: Omit<RouteConfig, 'method' | 'path'>) =>
    registry.registerPath({ method, path: toOpenApiPath(path), ...config });

  route('post', ROUTES.create, {
    summary: 'Start a consignment (idempotent: a repeat returns the existing one)',
    security,
    request: body(
      createConsignmentSchema.safeExtend({ consignment: house }).meta({ id: 'CreateConsignment' }),
    ),
    responses: {
      201: json(api.startResultSchema, 'Started'),
      200: json(api.startResultSchema, 'Already exists (same run)'),
      ...errors,
    },
  });
  route('get', ROUTES.list, {
    summary: 'List consignments by phase, needs-attention or ERP reference',
    security,
    request: { query: api.listQuerySchema },
    responses: { 200: json(api.listSchema, 'Newest first'), ...errors },
  });
  route('get', ROUTES.status, {
    summary: 'Status of one consignment',
    security,
    request: { params },
    responses: {
      200: json(status, 'Status'),
      ...errors,
      404: keyed[404],
      503: json(error, 'No worker or Temporal down: nothing changed, repeat after Retry-After'),
    },
  });
  route('post', ROUTES.corrections, {
    summary:
      'Replace the whole document (REJECTED, INCOMPLETE, ENTRY_PENDING, or registered before the border: sent with a PUT); Idempotency-Key applies it once',
    security,
    request: {
      params,
      headers: api.idempotencyHeaderSchema,
      ...body(correctionSchema.safeExtend({ document: house })),
    },
    responses: { 200: json(api.revisionSchema, 'New revision'), ...errors, ...keyed },
  });
  route('post', ROUTES.arrival, {
    summary: 'The transport arrived',
    security,
    request: { params, ...body(arrivalSchema) },
    responses: {
      202: json(api.acceptedSchema, 'Recorded'),
      200: json(
        api.alreadyRecordedSchema,
        'Already recorded: a repeat that changes nothing is not recorded again',
      ),
      ...errors,
      ...keyed,
    },
  });
  route('post', ROUTES.cancel, {
    summary:
      'Cancel before the border (DELETE at Customs when registered); answers 202 once the consignment accepted it: follow the phase to CANCELLED. Refused (409) once the goods reached the border',
    security,
    request: { params, ...body(cancelSchema) },
    responses: { 202: json(api.acceptedSchema, 'Accepted'), ...errors, ...keyed },
  });
  route('post', ROUTES.retry, {
    summary: 'Operator: try the parked step again',
    security,
    request: { params },
    responses: { 202: json(api.acceptedSchema, 'Signalled'), ...errors, ...keyed },
  });
  route('post', ROUTES.provideMrn, {
    summary: 'Operator: supply the MRN of a house Customs holds but whose MRN was lost (phase MRN_UNKNOWN)',
    security,
    request: { params, ...body(provideMrnSchema) },
    responses: {
      200: json(api.mrnSchema, 'Stored; waiting corrections and cancels go on'),
      ...errors,
      ...keyed,
    },
  });
  route('get', ROUTES.routingFeed, {
    summary: 'Status of the routing feed',
    security,
    responses: {
      200: json(api.routingFeedSchema, 'Status'),
      401: errors[401],
      404: json(error, 'Not running'),
    },
  });
  route('post', ROUTES.routingFeedAcknowledge, {
    summary: "Operator: acknowledge the feed's unexplained and undeliverable items (clears NeedsAttention)",
    security,
    request: body(acknowledgeSchema),
    responses: {
      200: json(api.routingFeedSchema, 'Status afterwards'),
      ...errors,
      404: json(error, 'Not running'),
    },
  });
  route('get', ROUTES.health, {
    summary: 'Liveness and Temporal connectivity',
    responses: {
      200: json(api.healthSchema, 'Temporal reachable'),
      503: json(api.healthSchema, 'Temporal down'),
    },
  });
  route('get', ROUTES.openapi, {
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3 document' } },
  });
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'digitoll-flow gateway',
      version: '1.0.0',
      description: 'House consignments through Norwegian Customs Digitoll, one durable workflow each.',
    },
  });
}

let document: ReturnType<typeof buildDocument> | undefined;

export function openApiDocument(): ReturnType<typeof buildDocument> {
  document ??= buildDocument();
  return document;
}
