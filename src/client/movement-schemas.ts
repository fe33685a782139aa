// What ERPs send for the rest of the movement: a transport, a master consignment, an explicit
// presentation, and a shipment (one transport with its masters and houses in one request). The
// documents are the domain's schemas; these add the envelope each start takes.
import { z } from 'zod';
import { masterNotificationSchema, transportModeIssues, transportNotificationSchema } from '../domain';
import { MODES, PRESENTATION_LEVELS } from '../shared';
import { presentationInputProblems, type PresentationInput } from '../../workflows/presentation/messages';
import {
  callbackUrlSchema,
  consignmentKeySchema,
  erpReference,
  listFilterSchema,
  nonBlank,
  timingsSchema,
} from './schemas';

const mode = z.enum(MODES, { error: `must be one of [${MODES.join(', ')}]` });
/** The lifecycle's waits an ERP may lengthen (the same floors as a house's). */
const levelTimings = timingsSchema
  .pick({
    firstValidationDelay: true,
    pollInitialInterval: true,
    pollBackoff: true,
    pollMaxInterval: true,
    validationDeadline: true,
    correctionWait: true,
    transientCoolDown: true,
  })
  .optional();

export const createTransportSchema = z
  .strictObject({
    mode,
    transport: transportNotificationSchema,
    erpReference: erpReference.optional(),
    timings: levelTimings,
    /** This transport's webhook, instead of the organisation's (WEBHOOK_URL). */
    callbackUrl: callbackUrlSchema.optional(),
  })
  .superRefine((request, ctx) => {
    for (const issue of transportModeIssues(request.mode, request.transport))
      ctx.addIssue({ code: 'custom', message: issue.message, path: ['transport', ...issue.path.split('.')] });
  });
export type CreateTransportRequest = z.input<typeof createTransportSchema>;

export const createMasterSchema = z.strictObject({
  mode,
  master: masterNotificationSchema,
  erpReference: erpReference.optional(),
  /** The transport the master travels on (its key, as DigitollTransport holds it), when known. */
  transport: nonBlank('transport').max(160).optional(),
  timings: levelTimings,
  /** This master's webhook, instead of the organisation's (WEBHOOK_URL). */
  callbackUrl: callbackUrlSchema.optional(),
});
export type CreateMasterRequest = z.input<typeof createMasterSchema>;

/** A house or master by its business key. */
const houseKeySchema = consignmentKeySchema;

export const createPresentationSchema = z
  .strictObject({
    level: z.enum(PRESENTATION_LEVELS, { error: `must be one of [${PRESENTATION_LEVELS.join(', ')}]` }),
    mrn: nonBlank('mrn').max(18).optional(),
    transportDocumentMasterLevel: houseKeySchema.optional(),
    containerIdentificationNumber: nonBlank('containerIdentificationNumber').max(35).optional(),
    receptacleIdentificationNumber: nonBlank('receptacleIdentificationNumber').max(35).optional(),
    customsOfficeOfPresentation: nonBlank('customsOfficeOfPresentation').max(8),
    transportMRN: nonBlank('transportMRN').max(18).optional(),
    /** Tracked houses the ground handler knows are inside the presented level. */
    houses: z.array(houseKeySchema).max(1000).optional(),
    erpReference: erpReference.optional(),
    /** This presentation's webhook, instead of the organisation's (WEBHOOK_URL). */
    callbackUrl: callbackUrlSchema.optional(),
  })
  .superRefine((request, ctx) => {
    for (const problem of presentationInputProblems(request as PresentationInput)) {
      const [path, message] = problem.split(/:\s(.*)/s);
      ctx.addIssue({ code: 'custom', message: message ?? problem, path: path ? path.split('.') : [] });
    }
  });
export type CreatePresentationRequest = z.input<typeof createPresentationSchema>;

/** Most masters and houses in one shipment. */
export const MAX_SHIPMENT_ITEMS = 1000;

/**
 * A shipment's envelope: the documents inside are checked one by one (an invalid item starts
 * nothing, the others go on), so here they are only lists.
 */
export const shipmentSchema = z
  .strictObject({
    mode,
    erpReference: erpReference.optional(),
    transport: z.unknown().refine((v) => v !== undefined, 'transport: the transport document is required'),
    masters: z.array(z.unknown(), { error: 'masters must be a list of master documents' }).optional(),
    houses: z.array(z.unknown(), { error: 'houses must be a list of house documents' }).optional(),
    /** Applied to every item: the transport's, each master's and each house's webhook, instead of the organisation's. */
    callbackUrl: z.string().max(2000).optional(),
  })
  .refine((s) => (s.masters?.length ?? 0) + (s.houses?.length ?? 0) <= MAX_SHIPMENT_ITEMS, {
    message: `at most ${MAX_SHIPMENT_ITEMS} masters and houses per shipment`,
    path: ['houses'],
  });
export type ShipmentRequest = z.input<typeof shipmentSchema>;

export const transportKeyParamsSchema = z.strictObject({
  transport: nonBlank('transport')
    .max(160)
    .regex(
      /^(road|air|rail|maritime):[^:]+:.+$/,
      'must be a transport key: {mode}:{identificationNumber}:{scheduled arrival}[:{flight}]',
    ),
});

export const arrivalUpdateSchema = z.strictObject({
  estimatedDateAndTimeOfArrival: z
    .string({ error: 'must be an instant yyyy-MM-ddTHH:mm:ssZ' })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'must be an instant yyyy-MM-ddTHH:mm:ssZ'),
});

/** The house list's filters that mean the same for every level; a level's phases are its own. */
export const levelListFilterSchema = listFilterSchema
  .pick({
    needsAttention: true,
    erpReference: true,
    masterDocument: true,
    transport: true,
    pageSize: true,
    pageToken: true,
  })
  .extend({ phase: nonBlank('phase').max(40).optional() });
export type LevelListFilter = z.input<typeof levelListFilterSchema>;

const reason = nonBlank('reason').max(1000);
/** A correction: the whole document of that level (same keys) and why. */
export const transportCorrectionSchema = z.strictObject({ document: transportNotificationSchema, reason });
export const masterCorrectionSchema = z.strictObject({ document: masterNotificationSchema, reason });
