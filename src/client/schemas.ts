// What ERPs send, as zod schemas: the client validates with them, the gateway answers 400 with
// their issues, and the OpenAPI document is generated from them. The document itself is the
// shared house consignment schema.
import { z } from 'zod';
import { houseConsignmentSchema, TRANSPORT_DOCUMENT_TYPE_CODES } from '../domain';
import { MODES, PHASES } from '../shared';
import { webhookUrlProblem } from '../webhook-url';

export const nonBlank = (what: string) =>
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
export const erpReference = nonBlank('erpReference')
  .max(200)
  .refine(
    (value) => ![...value].some((c) => c === '\\' || c === '"' || c.charCodeAt(0) < 32),
    'must not contain backslashes, double quotes or control characters',
  );

const UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };

/** Milliseconds of a duration the schema above admits (a bare number is milliseconds). */
export function durationMs(value: number | string): number {
  if (typeof value === 'number') return value;
  const [, amount, unit = 'ms'] = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/.exec(value.trim()) ?? [];
  const key = unit === 'ms' ? 'ms' : unit.charAt(0);
  return Number(amount) * (UNIT_MS[key] ?? 1);
}

/**
 * Floors under what an ERP may ask for: the waits and retries spend the organisation's Customs
 * budget, so a request may lengthen them but never turn them into a tight loop. (Tests and the
 * worker shorten them through the client library's defaultTimings, which is not an ERP input.)
 */
export const TIMING_FLOORS_MS = {
  firstValidationDelay: 1_000,
  pollInitialInterval: 1_000,
  pollMaxInterval: 5_000,
  validationDeadline: 60_000,
  correctionWait: 3_600_000,
  expireAfter: 3_600_000,
  transientCoolDown: 60_000,
} as const;

const floored = (name: keyof typeof TIMING_FLOORS_MS) =>
  duration.refine((v) => durationMs(v) >= TIMING_FLOORS_MS[name], {
    message: `must be at least ${TIMING_FLOORS_MS[name]} ms: shorter waits would spend the Customs budget`,
  });

export const timingsSchema = z
  .strictObject({
    firstValidationDelay: floored('firstValidationDelay'),
    pollInitialInterval: floored('pollInitialInterval'),
    pollBackoff: z.number().min(1.2, 'must be at least 1.2'),
    pollMaxInterval: floored('pollMaxInterval'),
    validationDeadline: floored('validationDeadline'),
    correctionWait: floored('correctionWait'),
    expireAfter: floored('expireAfter'),
    transientCoolDown: floored('transientCoolDown'),
  })
  .partial();

export const presentationSchema = z.strictObject({
  customsOfficeOfPresentation: nonBlank('customsOfficeOfPresentation'),
});

/** A request's own webhook, instead of the organisation's (WEBHOOK_URL); https, or http to loopback. */
export const callbackUrlSchema = z
  .string({ error: 'callbackUrl must be a string' })
  .max(2000)
  .superRefine((url, ctx) => {
    const problem = webhookUrlProblem(url, true);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const createConsignmentSchema = z.strictObject({
  mode: z.enum(MODES, { error: `must be one of [${MODES.join(', ')}]` }),
  consignment: houseConsignmentSchema,
  erpReference: erpReference.optional(),
  presentation: presentationSchema.optional(),
  timings: timingsSchema.optional(),
  /** This consignment's webhook, instead of the organisation's (WEBHOOK_URL). */
  callbackUrl: callbackUrlSchema.optional(),
});
export type CreateConsignmentRequest = z.input<typeof createConsignmentSchema>;

export const correctionSchema = z.strictObject({
  document: houseConsignmentSchema,
  reason: nonBlank('reason').max(1000),
});
export type CorrectionRequest = z.input<typeof correctionSchema>;

/** An MRN as Customs writes them (DOMAIN.md: 18 characters, e.g. 22NO4TU2HUD59UCBT8). */
export const provideMrnSchema = z.strictObject({
  mrn: z
    .string({ error: 'mrn must be a string' })
    .trim()
    .regex(
      /^[0-9]{2}[A-Z]{2}[A-Z0-9]{14}$/,
      'must be an MRN: 18 characters, two digits, the country code and 14 capital letters or digits',
    ),
});

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

/** The nextPageToken of an earlier page, unchanged (opaque base64url). */
export const pageToken = z
  .string({ error: 'pageToken must be a string' })
  .max(8192)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be the nextPageToken of an earlier page, unchanged');

export const pageSize = z.coerce
  .number({ error: 'must be a whole number from 1 to 1000' })
  .int('must be a whole number from 1 to 1000')
  .min(1, 'must be a whole number from 1 to 1000')
  .max(1000, 'must be a whole number from 1 to 1000');
const instant = z.iso.datetime({ error: 'must be an ISO-8601 date-time with an offset', offset: true });

export const listFilterSchema = z.strictObject({
  phase: z.enum(PHASES, { error: `must be one of [${PHASES.join(', ')}]` }).optional(),
  needsAttention: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .or(z.boolean())
    .optional(),
  erpReference: erpReference.optional(),
  masterDocument: nonBlank('masterDocument').max(80).optional(),
  transport: nonBlank('transport').max(160).optional(),
  startedAfter: instant.optional(),
  startedBefore: instant.optional(),
  pageSize: pageSize.optional(),
  pageToken: pageToken.optional(),
  /** The older name of pageSize; still read. */
  limit: pageSize.optional(),
});
export type ListFilter = z.input<typeof listFilterSchema>;

/** Most create requests in one batch. */
export const MAX_BATCH_ITEMS = 1000;

/** A batch: each item is checked on its own (an invalid one starts nothing, the others go on). */
export const batchCreateSchema = z.strictObject({
  items: z
    .array(z.unknown(), { error: 'items must be a list of create requests' })
    .min(1, 'items must not be empty')
    .max(MAX_BATCH_ITEMS, `at most ${MAX_BATCH_ITEMS} items per batch`),
});
