// Bodies of the control API, shared by the server (validation) and the typed control client.
import { z } from 'zod';
import { ROUTINGS, ROUTING_CONTROL_LOCATIONS } from '../domain';
import { ENDPOINT_KINDS } from './types';
import { MALFORMATIONS } from './feed';

export const CONTROL_PREFIX = '/__emulator';

const houseRef = z.object({ documentNumber: z.string().min(1), type: z.string().min(1) });
const routing = z.enum(ROUTINGS);
const location = z.enum(ROUTING_CONTROL_LOCATIONS);

export const arrivalSchema = z.union([houseRef, z.object({ all: z.literal(true) })]);

export const signalSchema = houseRef.extend({
  routing,
  routingControlLocation: location.optional(),
  entrySummaryDeclarationMRN: z.string().optional(),
  receptacleId: z.string().optional(),
  documentIssueDate: z.string().optional(),
  /** Publish the item in a shape clients do not expect (to test their tolerance). */
  malform: z.enum(MALFORMATIONS).optional(),
});
export const signalsSchema = z.object({ signals: z.array(signalSchema).min(1) });

/** N signals spread round-robin over the given houses (for volume tests). */
export const bulkSignalsSchema = z.object({
  houses: z.array(houseRef).min(1),
  count: z.number().int().min(1).max(100_000),
  routing: routing.default('TO_ENTRY'),
  routingControlLocation: location.optional(),
});

export const routingStepSchema = z.object({
  routing,
  afterMs: z.number().int().min(0).optional(),
  routingControlLocation: location.optional(),
});
export const planSchema = houseRef.extend({ steps: z.array(routingStepSchema).min(1) });

export const processingSchema = z.object({
  /** Without a house: the global delay; with one: that house's delay and/or 404 count. */
  house: houseRef.optional(),
  delayMs: z.number().int().min(0).optional(),
  notReadyPolls: z.number().int().min(0).optional(),
  /** Store the house only when its validation answer is first given (a look-up finds nothing before). */
  deferRegistration: z.boolean().optional(),
  /** Answer every DELETE of the house with a FAILURE (the house stays registered). */
  refuseDeletes: z.boolean().optional(),
});

const faultAction = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('status'),
    status: z.union([z.literal(401), z.literal(403), z.literal(500), z.literal(503)]),
  }),
  z.object({ type: z.literal('rate-limit'), retryAfterSeconds: z.number().int().min(0) }),
  z.object({ type: z.literal('slow'), delayMs: z.number().int().min(0).max(600_000) }),
  z.object({ type: z.literal('drop-after-write') }),
]);
export const faultSchema = z.object({
  endpoint: z.union([z.enum(ENDPOINT_KINDS), z.literal('*')]),
  action: faultAction,
  count: z.number().int().min(1).optional(),
  probability: z.number().min(0).max(1).optional(),
});

export const callsQuerySchema = z.object({
  house: z.string().optional(),
  documentNumber: z.string().optional(),
  type: z.string().optional(),
  endpoint: z.enum(ENDPOINT_KINDS).optional(),
});
