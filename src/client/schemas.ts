// What ERPs send, as zod schemas: the client validates with them, the gateway answers 400 with
// their issues, and the OpenAPI document is generated from them. The document itself is the
// shared house consignment schema.
import { z } from 'zod';
import { houseConsignmentSchema, TRANSPORT_DOCUMENT_TYPE_CODES } from '../domain';
import { MODES, PHASES } from '../shared';

const nonBlank = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, `${what} must not be blank`);

/** A Temporal duration: milliseconds, or an ms-formatted string such as '2s' or '10 minutes'. */
const duration = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d|seconds?|minutes?|hours?|days?)?$/, 'must be a duration'),
]);

/**
 * An ERP reference is a search attribute: Temporal's visibility stores do not match values with
 * backslashes or double quotes reliably, so those are refused here rather than lost in lists.
 */
const erpReference = nonBlank('erpReference')
  .max(200)
  .refine(
    (value) => ![...value].some((c) => c === '\\' || c === '"' || c.charCodeAt(0) < 32),
    'must not contain backslashes, double quotes or control characters',
  );

export const timingsSchema = z
  .strictObject({
    firstValidationDelay: duration,
    pollInitialInterval: duration,
    pollBackoff: z.number().min(1),
    pollMaxInterval: duration,
    validationDeadline: duration,
    correctionWait: duration,
  })
  .partial();

export const presentationSchema = z.strictObject({
  customsOfficeOfPresentation: nonBlank('customsOfficeOfPresentation'),
});

export const createConsignmentSchema = z.strictObject({
  mode: z.enum(MODES, { error: `must be one of [${MODES.join(', ')}]` }),
  consignment: houseConsignmentSchema,
  erpReference: erpReference.optional(),
  presentation: presentationSchema.optional(),
  timings: timingsSchema.optional(),
});
export type CreateConsignmentRequest = z.input<typeof createConsignmentSchema>;

export const correctionSchema = z.strictObject({
  document: houseConsignmentSchema,
  reason: nonBlank('reason').max(1000),
});
export type CorrectionRequest = z.input<typeof correctionSchema>;

export const cancelSchema = z.strictObject({ reason: nonBlank('reason').max(1000) });

export const arrivalSchema = z.strictObject({
  at: z.iso.datetime({ error: 'must be an ISO-8601 date-time', offset: true }).optional(),
  customsOfficeOfPresentation: nonBlank('customsOfficeOfPresentation').optional(),
});

export const consignmentKeySchema = z.strictObject({
  type: z.enum(TRANSPORT_DOCUMENT_TYPE_CODES, {
    error: `must be one of [${TRANSPORT_DOCUMENT_TYPE_CODES.join(', ')}]`,
  }),
  documentNumber: nonBlank('documentNumber').max(200),
});

export const listFilterSchema = z.strictObject({
  phase: z.enum(PHASES, { error: `must be one of [${PHASES.join(', ')}]` }).optional(),
  needsAttention: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .or(z.boolean())
    .optional(),
  erpReference: erpReference.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type ListFilter = z.input<typeof listFilterSchema>;
