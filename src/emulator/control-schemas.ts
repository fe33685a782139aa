// Bodies of the control API, shared by the server (validation) and the typed control client.
import { z } from 'zod';
import { MALFORMATIONS } from './feed-items';
import { ROUTINGS, ROUTING_CONTROL_LOCATIONS } from './model';
import { ENDPOINT_KINDS } from './types';

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
  /**
   * Publish an item clients must tolerate: `unknown-routing` (routing TO_INSPECTION), `missing-type`,
   * `transport-level` (no house, vehicle data), `untracked` (a house nobody registered), `all-null`.
   */
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
  /** Store the house only when its validation answer is first given (a query by key finds nothing before). */
  deferRegistration: z.boolean().optional(),
  /** Answer every DELETE of the house with a FAILURE (the house stays registered). */
  refuseDeletes: z.boolean().optional(),
});

/** PUT /style: any subset of the answer style (style.ts). */
export const styleSchema = z
  .object({
    absent: z.enum(['absent', 'null', 'empty']),
    successStatus: z.union([z.literal(200), z.literal(202)]),
    presentationStatusShape: z.enum(['object', 'list']),
    extraFields: z.boolean(),
    idsAsNumbers: z.boolean(),
    presentationAnswer: z.enum(['empty', 'requestId']),
  })
  .partial();

/** PUT /behaviour: automatic presentation, extra routing items, the query-by-key switch. */
export const behaviourSchema = z.object({
  autoPresentAfterMs: z.union([z.number().int().min(0), z.literal('off')]).optional(),
  extraRoutingItemsEvery: z.number().int().min(0).optional(),
  /** 400 or 404 for every query by key ("look-up unavailable"); null: answer normally. */
  lookupUnavailable: z.union([z.literal(400), z.literal(404), z.null()]).optional(),
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

/** PUT /entry-plans: how the border treats one transport, named by MRN or by its vehicle (and flight). */
export const entryPlanSchema = z
  .object({
    transportMrn: z.string().min(1).optional(),
    key: z
      .object({
        identificationNumber: z.string().min(1),
        conveyanceReferenceNumber: z.string().min(1).optional(),
      })
      .optional(),
    /** false: entry is recorded but not valid ("contact Customs before unloading"). */
    validEntry: z.boolean().optional(),
    /** false: never registered at the border, so Customs cancels it 72 h after its ETA. */
    arrives: z.boolean().optional(),
    customsOfficeOfEntry: z.string().min(1).optional(),
  })
  .refine((p) => (p.transportMrn === undefined) !== (p.key === undefined), {
    message: 'give either transportMrn or key',
  });

/** PUT /clock: shifts the border clock (arrival rules, entry status, the 72 h cancellation). */
export const clockSchema = z.object({ offsetMs: z.number().int() });
