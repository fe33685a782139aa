// The movement's operations in the OpenAPI document: transports, masters, explicit presentations
// and shipments. Requests are the client library's schemas; answers are described here.
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  arrivalUpdateSchema,
  cancelSchema,
  consignmentKeySchema,
  createMasterSchema,
  createPresentationSchema,
  createTransportSchema,
  levelListFilterSchema,
  masterCorrectionSchema,
  provideMrnSchema,
  shipmentSchema,
  transportCorrectionSchema,
  transportKeyParamsSchema,
} from '../client';
import { LEVEL_PHASES, PRESENTATION_LEVELS, PRESENTATION_PHASES } from '../shared';
import * as api from './api-schemas';
import { json, type errorResponses } from './openapi-ops';
import { ROUTES } from './routes-table';

type V1Route = (
  method: RouteConfig['method'],
  path: string,
  config: Omit<RouteConfig, 'method' | 'path'>,
) => void;
type Errors = ReturnType<typeof errorResponses>;

export const presentationParamsSchema = z.strictObject({
  level: z.enum(PRESENTATION_LEVELS),
  identifier: z
    .string()
    .describe('ENS MRN, `{type}:{documentNumber}` of a master, container or receptacle id'),
});

const levelStartSchema = z.object({
  level: z.enum(['transport', 'master', 'presentation']),
  workflowId: z.string(),
  runId: z.string(),
  key: z
    .string()
    .describe('The workflow id without its tr:, mc: or pr: prefix: how the other routes name it'),
  created: z.boolean(),
});

const issueSchema = z.object({ path: z.string(), message: z.string() });

const levelStatusSchema = z
  .looseObject({
    workflowId: z.string(),
    level: z.string(),
    phase: z.enum([...LEVEL_PHASES, ...PRESENTATION_PHASES]),
    mrn: z.string().optional(),
    validationIssues: z.array(issueSchema).optional(),
    needsAttention: z.boolean(),
    needsAttentionReason: z.string().optional(),
  })
  .describe(
    'The workflow status: phase, MRN, every issue of the last rejection, and what Customs holds under it',
  );

const levelListSchema = z.object({
  items: z.array(
    z.object({
      level: z.string(),
      workflowId: z.string(),
      key: z.string(),
      phase: z.string().optional(),
      mrn: z.string().optional(),
      transport: z.string().optional(),
      masterDocument: z.string().optional(),
      needsAttention: z.boolean(),
      executionStatus: z.string(),
      startTime: z.string(),
    }),
  ),
  nextPageToken: z.string().optional(),
});

const shipmentResultSchema = z.object({
  transport: z.string().optional().describe('The transport key every item is linked by (DigitollTransport)'),
  items: z.array(
    z.object({
      item: z.string().describe('transport, masters[i] or houses[i]'),
      level: z.enum(['transport', 'master', 'house']),
      status: z.number().int().describe('201 started, 200 existed, 400 invalid (nothing started), 503 retry'),
      workflowId: z.string().optional(),
      key: z.string().optional(),
      error: api.errorSchema.omit({ requestId: true }).optional(),
    }),
  ),
});

const body = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } } } });

export function movementOperations(route: V1Route, e: Errors): void {
  const v1 = { ...e.auth, ...e.rateLimited, ...e.unavailable };
  const keyed = { ...v1, ...e.input, ...e.notFound };
  const action = { ...keyed, ...e.refused };
  const created = (what: string) => ({
    201: json(levelStartSchema, `${what} started`),
    200: json(levelStartSchema, 'Already exists (same run)'),
    ...v1,
    ...e.input,
  });
  const list = {
    request: { query: levelListFilterSchema },
    responses: { 200: json(levelListSchema, 'One page'), ...v1, ...e.input },
  };
  const status = { 200: json(levelStatusSchema, 'Status'), ...keyed };
  const ok = { 202: json(api.acceptedSchema, 'Accepted'), ...action };
  const revision = { 200: json(api.revisionSchema, 'New revision'), ...action };
  const mrnStored = { 200: json(api.mrnSchema, 'Stored; a waiting correction or cancel goes on'), ...action };
  const tr = { params: transportKeyParamsSchema };
  const mc = { params: consignmentKeySchema };
  const pr = { params: presentationParamsSchema };

  route('post', ROUTES.transports, {
    summary: 'Notify a transport (idempotent by its key)',
    request: body(createTransportSchema),
    responses: created('Transport'),
  });
  route('get', ROUTES.transports, { summary: 'One page of transports', ...list });
  route('get', ROUTES.transport, {
    summary: 'Status of a transport, with what Customs holds under it',
    request: tr,
    responses: status,
  });
  route('post', ROUTES.transportCorrections, {
    summary: 'Replace the whole transport document before entry (the keys cannot change): one PUT',
    request: { ...tr, headers: api.idempotencyHeaderSchema, ...body(transportCorrectionSchema) },
    responses: revision,
  });
  route('post', ROUTES.transportArrival, {
    summary: 'A new estimated arrival: exactly one PUT',
    request: { ...tr, ...body(arrivalUpdateSchema) },
    responses: revision,
  });
  route('post', ROUTES.transportCancel, {
    summary: 'Cancel (DELETE at Customs); follow the phase to CANCELLED',
    request: { ...tr, ...body(cancelSchema) },
    responses: ok,
  });
  route('post', ROUTES.transportRetry, {
    summary: 'Operator: try the parked step again',
    request: tr,
    responses: ok,
  });
  route('post', ROUTES.transportProvideMrn, {
    summary:
      'Operator: supply the MRN of a transport Customs holds but whose MRN is unknown (phase MRN_UNKNOWN)',
    request: { ...tr, ...body(provideMrnSchema) },
    responses: mrnStored,
  });

  route('post', ROUTES.masters, {
    summary: 'Notify a master consignment (idempotent by its key)',
    request: body(createMasterSchema),
    responses: created('Master'),
  });
  route('get', ROUTES.masters, { summary: 'One page of master consignments', ...list });
  route('get', ROUTES.master, {
    summary: 'Status of a master, with the houses Customs holds under it',
    request: mc,
    responses: status,
  });
  route('post', ROUTES.masterCorrections, {
    summary: 'Replace the whole master document until its transport entered (the key cannot change): one PUT',
    request: { ...mc, headers: api.idempotencyHeaderSchema, ...body(masterCorrectionSchema) },
    responses: revision,
  });
  route('post', ROUTES.masterCancel, {
    summary: 'Cancel (DELETE at Customs); follow the phase to CANCELLED',
    request: { ...mc, ...body(cancelSchema) },
    responses: ok,
  });
  route('post', ROUTES.masterRetry, {
    summary: 'Operator: try the parked step again',
    request: mc,
    responses: ok,
  });
  route('post', ROUTES.masterProvideMrn, {
    summary:
      'Operator: supply the MRN of a master Customs holds but whose MRN is unknown (phase MRN_UNKNOWN)',
    request: { ...mc, ...body(provideMrnSchema) },
    responses: mrnStored,
  });

  route('post', ROUTES.presentations, {
    summary:
      'Present an ENS, master, container or receptacle explicitly (ground handlers); tracked houses inside are told',
    request: body(createPresentationSchema),
    responses: created('Presentation'),
  });
  route('get', ROUTES.presentations, { summary: 'One page of presentations', ...list });
  route('get', ROUTES.presentation, { summary: 'Status of a presentation', request: pr, responses: status });
  route('post', ROUTES.presentationRetry, {
    summary: 'Present again after a refusal (a new requestId)',
    request: pr,
    responses: ok,
  });

  route('post', ROUTES.shipments, {
    summary:
      'One transport with its masters and houses: each started as its own workflow, idempotently, linked by DigitollTransport; one result per item (an invalid item starts nothing, the others go on; a repeat starts nothing new)',
    request: body(shipmentSchema),
    responses: { 200: json(shipmentResultSchema, 'One result per item'), ...v1, ...e.input },
  });
}
