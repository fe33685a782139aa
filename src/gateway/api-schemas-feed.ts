// The routing feed's status as the gateway answers it, for the OpenAPI document.
import { z } from 'zod';

const feedErrorSchema = z.object({
  type: z.string().describe('Failure type, e.g. UNAUTHORIZED, UNEXPECTED_RESPONSE, UNAVAILABLE, TIMEOUT'),
  message: z.string(),
  at: z.string().describe('When the poll failed (ISO 8601)'),
});

const int = () => z.number().int();
const acknowledgedAt = z.string().optional().describe('When an operator acknowledged it (ISO 8601)');

/** The feed's status as workflows/routing-feed/messages.ts defines it (a unit test keeps them in step). */
export const routingFeedSchema = z.object({
  organisation: z.string(),
  marker: z.string().optional(),
  totals: z.object({
    pages: int(),
    received: int(),
    delivered: int(),
    unmatched: int().describe('Items for houses this system does not track (normal)'),
    alreadyFinal: int().describe('Items re-sent for houses whose workflow has finished (normal)'),
    transportLevel: int().describe('Transport-level items (transportDocumentHouseLevel null; normal)'),
    unknownRouting: int().describe('Unexplained: a routing value this system does not know'),
    unreadable: int().describe('Unexplained: an element that could not be read'),
    undeliverable: int().describe('House items Temporal would not take (a limit, an invalid argument)'),
    failedPolls: int().describe("Polls that failed after the activity's own retries"),
  }),
  recentUnmatched: z.array(z.object({ workflowId: z.string(), routingId: z.string() })),
  unexplained: z.array(
    z.object({
      seq: int(),
      class: z.enum(['unknown-routing', 'unreadable']),
      routingId: z.string().optional(),
      routing: z.string().optional(),
      index: int().describe('Position on its page'),
      excerpt: z.string().describe('What Customs sent, shortened'),
      issues: z.array(z.object({ path: z.string(), message: z.string() })),
      seenAt: z.string(),
      acknowledgedAt,
    }),
  ),
  undeliverable: z.array(
    z.object({
      seq: int(),
      workflowId: z.string(),
      routingId: z.string(),
      routing: z.string(),
      reason: z.string().describe('gRPC status and the server message'),
      seenAt: z.string(),
      acknowledgedAt,
    }),
  ),
  unacknowledged: int().describe('Unexplained and undeliverable items not acknowledged yet'),
  attention: z.object({ lastSeq: int(), acknowledgedThrough: int() }),
  lastAcknowledgement: z
    .object({ at: z.string(), note: z.string().optional(), upTo: z.string().optional(), acknowledged: int() })
    .optional(),
  lastPollAt: z.string().optional(),
  lastPageSize: int(),
  needsAttention: z
    .boolean()
    .describe('True while polls fail or items are unacknowledged; also DigitollNeedsAttention'),
  needsAttentionReason: z.string().optional(),
  consecutiveFailures: int(),
  lastError: feedErrorSchema.optional().describe('The latest failed poll, kept after recovery'),
});
