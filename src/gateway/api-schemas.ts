// Shapes of the gateway's answers, for the OpenAPI document. Requests are validated with the
// client library's schemas; these describe what comes back.
import { z } from 'zod';
import { LEVEL_PHASES, PHASES, PRESENTATION_LEVELS, PRESENTATION_PHASES } from '../shared';

const phase = z.enum(PHASES);

export const errorSchema = z.object({
  error: z.string(),
  code: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  requestId: z.string().describe("This request's id (X-Request-Id): quote it when asking about the request"),
  retryable: z.boolean().optional().describe('true: nothing changed, repeat after retryAfterSeconds'),
  retryAfterSeconds: z.number().int().optional(),
});

export const startResultSchema = z.object({
  workflowId: z.string(),
  runId: z.string(),
  created: z.boolean(),
  type: z.string(),
  documentNumber: z.string(),
});

const routingRecordSchema = z.object({
  id: z.string(),
  routing: z.string(),
  controlLocation: z.string().optional(),
  receivedAt: z.string(),
});

export const statusSchema = z.object({
  workflowId: z.string(),
  documentNumber: z.string(),
  type: z.string(),
  mode: z.string(),
  erpReference: z.string().optional(),
  phase,
  mrn: z.string().optional(),
  mrnUnknown: z.boolean().optional(),
  revision: z.number().int(),
  requestId: z.string().optional(),
  presentationRequestId: z.string().optional(),
  validationErrors: z.array(z.object({ path: z.string(), message: z.string() })),
  incompleteReasons: z.array(
    z.object({
      code: z.string(),
      meaning: z.string(),
      known: z.boolean().optional().describe('false: a reason code this build does not know'),
    }),
  ),
  routing: routingRecordSchema.optional(),
  routingHistory: z.array(routingRecordSchema),
  timeline: z.array(z.object({ phase, at: z.string() })),
  needsAttention: z.boolean(),
  needsAttentionReason: z.string().optional(),
  cancelReason: z.string().optional(),
  rejectedMessages: z.array(z.object({ message: z.string(), reason: z.string(), at: z.string() })),
  webhooks: z
    .object({
      url: z.string(),
      delivered: z.number().int(),
      pending: z.number().int(),
      failed: z.array(
        z.object({
          deliveryId: z.string(),
          sequence: z.number().int(),
          phase,
          error: z.string(),
          at: z.string(),
        }),
      ),
    })
    .optional()
    .describe('Webhook deliveries: given-up ones are listed; the CLI `webhooks --replay` sends them again'),
});

/** A phase of any level that pushes events (a house's, a transport's or master's, a presentation's). */
const webhookPhase = z.enum([...new Set([...PHASES, ...LEVEL_PHASES, ...PRESENTATION_PHASES])] as [
  string,
  ...string[],
]);

/**
 * What the ERP's webhook receives on every phase or needs-attention change (POST, JSON). Headers:
 * X-Digitoll-Signature `t=<unix seconds>,v1=<hex HMAC-SHA256(WEBHOOK_SECRET, "<t>.<body>")>`,
 * X-Digitoll-Delivery (= deliveryId, the same on every retry), X-Digitoll-Event `consignment.changed`.
 * Houses, transports, masters and presentations push it; `level` says which, with that level's key.
 */
export const webhookEventSchema = z
  .object({
    deliveryId: z.string().describe('Deduplicate on this: a retried delivery carries the same id'),
    sequence: z.number().int().describe("Orders one workflow's events (1, 2, ...)"),
    level: z
      .enum(['house', 'transport', 'master', 'presentation'])
      .describe('Which workflow speaks: its key fields are the ones below for it'),
    workflowId: z.string(),
    type: z.string().optional().describe('house and master: the transport document type'),
    documentNumber: z.string().optional().describe('house and master: the transport document number'),
    transport: z.string().optional().describe('transport: its key, as DigitollTransport holds it'),
    presentationLevel: z.enum(PRESENTATION_LEVELS).optional().describe('presentation: what is presented'),
    identifier: z.string().optional().describe('presentation: the ENS MRN, master, container or receptacle'),
    erpReference: z.string().optional(),
    phase: webhookPhase,
    mrn: z.string().optional(),
    mrnUnknown: z.boolean().optional(),
    routing: z
      .object({ id: z.string(), routing: z.string(), controlLocation: z.string().optional() })
      .optional(),
    incompleteReasons: z.array(z.string()).optional().describe('house only'),
    validationErrors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('house only'),
    needsAttention: z.boolean(),
    needsAttentionReason: z.string().optional(),
    nextStep: z.string(),
    at: z.string(),
  })
  .describe(
    "Webhook event, POSTed to WEBHOOK_URL or the request's callbackUrl by houses, transports, masters and presentations, and signed: X-Digitoll-Signature \"t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>' with WEBHOOK_SECRET>\" (reject old timestamps), X-Digitoll-Delivery = deliveryId. Answer 2xx; 408, 429 and 5xx are retried for 24 hours, any other answer gives the delivery up.",
  );

/** The default status view: what the workflow keeps in its memo (describe(), no replay). */
export const statusSummarySchema = statusSchema
  .omit({
    routingHistory: true,
    timeline: true,
    rejectedMessages: true,
    presentationRequestId: true,
    webhooks: true,
  })
  .extend({
    nextStep: z.string().describe("The operator's next step (markdown, as in the Temporal UI)"),
    updatedAt: z.string().describe('When the consignment last changed (ISO 8601)'),
    webhookFailures: z.number().int().optional().describe('Webhook deliveries given up (see view=full)'),
    executionStatus: z.string().describe("Temporal's execution status: RUNNING, COMPLETED, ..."),
  });

export const statusQuerySchema = z.strictObject({
  view: z
    .enum(['summary', 'full'], { error: 'must be summary or full' })
    .optional()
    .describe(
      'summary (default): read from the workflow memo, replays nothing; full: the status query with timeline, routing history and refused messages (needs a running worker)',
    ),
});

export const resultSchema = z.object({
  phase,
  mrn: z.string().optional(),
  revision: z.number().int(),
  routing: routingRecordSchema.optional(),
  cancelReason: z.string().optional(),
});

export const summarySchema = z.object({
  workflowId: z.string(),
  runId: z.string(),
  type: z.string(),
  documentNumber: z.string(),
  phase: phase.optional(),
  mrn: z.string().optional(),
  routing: z.string().optional(),
  erpReference: z.string().optional(),
  needsAttention: z.boolean(),
  executionStatus: z.string(),
  startTime: z.string(),
  closeTime: z.string().optional(),
});

export const listSchema = z.object({
  items: z.array(summarySchema),
  nextPageToken: z
    .string()
    .optional()
    .describe('Send it back as pageToken for the next page; absent on the last page'),
});

const startedOutcome = z.object({
  index: z.number().int(),
  status: z.union([z.literal(201), z.literal(200)]).describe('201 created, 200 already existed'),
  result: startResultSchema,
});
const refusedOutcome = z.object({
  index: z.number().int(),
  status: z
    .union([z.literal(400), z.literal(503), z.literal(500)])
    .describe('400 invalid (nothing started), 503 Temporal unavailable (repeat the item), 500 other'),
  error: errorSchema.omit({ requestId: true }),
});
export const batchResultSchema = z.object({
  items: z.array(z.union([startedOutcome, refusedOutcome])).describe('One per request item, in order'),
});

export const codecBodySchema = z.object({
  payloads: z.array(
    z.object({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() }),
  ),
});

export const revisionSchema = z.object({ revision: z.number().int() });
export const mrnSchema = z.object({ mrn: z.string() });
export const acceptedSchema = z.object({ accepted: z.literal(true) });
export const alreadyRecordedSchema = z.object({
  accepted: z.literal(true),
  alreadyRecorded: z.literal(true),
  reason: z.string().optional(),
});

export { routingFeedSchema } from './api-schemas-feed';

export const healthSchema = z.object({ ok: z.boolean(), temporal: z.enum(['up', 'down']) });

/** Query string of the list route as sent over HTTP (strings); parsed by listFilterSchema. */
export const listQuerySchema = z.object({
  phase: phase
    .optional()
    .describe(
      'The phase Temporal indexes: the one a house rests in. Houses started from this version index AWAITING_VALIDATION and PRESENTING only while parked in them; they pass through otherwise',
    ),
  needsAttention: z.enum(['true', 'false']).optional(),
  erpReference: z.string().optional(),
  startedAfter: z.string().optional().describe('Started at or after (ISO 8601 with an offset)'),
  startedBefore: z.string().optional().describe('Started before (ISO 8601 with an offset)'),
  pageSize: z.string().regex(/^\d+$/).optional().describe('1-1000, default 100'),
  pageToken: z.string().optional().describe('nextPageToken of the previous page, unchanged'),
  limit: z.string().regex(/^\d+$/).optional().describe('Older name of pageSize'),
});

export const idempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'Becomes the update id: a correction repeated with the same key is applied once. Send your own; without it the key is derived from the document and reason, so only an identical repeat is recognised',
    ),
});
