// Names shared by workflows, activities, the worker, clients and tests. Everything here is pure
// (no Node, no I/O), so workflow code may import it. No other file spells these strings.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Task queue of the workflow worker (consignment and routing-feed workflows). */
export const WORKFLOW_TASK_QUEUE = 'digitoll-flow';
/** Task queue of activities that call Customs; rate-limited cluster-wide. */
export const DIGITOLL_ACTIVITY_TASK_QUEUE = 'digitoll-flow-customs';

/**
 * Task queue of the routing feed's activities (own rate budget, so a polling backlog never delays
 * a house's Customs steps). Derived from the workflow queue, by the feed and by the worker alike,
 * so no configured name can leave the feed polling a queue that no worker serves.
 */
export function routingFeedActivityTaskQueue(workflowTaskQueue: string): string {
  return `${workflowTaskQueue}-routing`;
}
/**
 * Task queue of webhook deliveries to ERPs: apart from Customs' queues, so a receiver that is down
 * never holds up a Customs step. Derived from the workflow queue like the routing feed's.
 */
export function webhookTaskQueue(workflowTaskQueue: string): string {
  return `${workflowTaskQueue}-webhooks`;
}
/** The routing feed's activity queue beside WORKFLOW_TASK_QUEUE: 'digitoll-flow-routing'. */
export const ROUTING_FEED_ACTIVITY_TASK_QUEUE = routingFeedActivityTaskQueue(WORKFLOW_TASK_QUEUE);

export const CONSIGNMENT_WORKFLOW_TYPE = 'consignmentWorkflow';
export const ROUTING_FEED_WORKFLOW_TYPE = 'routingFeedWorkflow';

/** Search attributes the project registers and upserts; the value is the indexed type. */
export const SEARCH_ATTRIBUTES = {
  phase: { name: 'DigitollPhase', type: 'Keyword' },
  mrn: { name: 'DigitollMrn', type: 'Keyword' },
  documentNumber: { name: 'DigitollDocumentNumber', type: 'Keyword' },
  routing: { name: 'DigitollRouting', type: 'Keyword' },
  erpReference: { name: 'ErpReference', type: 'Keyword' },
  needsAttention: { name: 'DigitollNeedsAttention', type: 'Bool' },
  /** The master a house (or the master itself) belongs to: `{type}:{documentNumber}`. */
  masterDocument: { name: 'DigitollMasterDocument', type: 'Keyword' },
  /** The transport a house, master or the transport itself travels on: its workflow id's key part. */
  transport: { name: 'DigitollTransport', type: 'Keyword' },
} as const;

export type SearchAttributeKey = keyof typeof SEARCH_ATTRIBUTES;

/** Typed keys of the same attributes, for upserting (workflow) and reading (clients). */
export const SEARCH_ATTRIBUTE_KEYS = {
  phase: defineSearchAttributeKey(SEARCH_ATTRIBUTES.phase.name, SearchAttributeType.KEYWORD),
  mrn: defineSearchAttributeKey(SEARCH_ATTRIBUTES.mrn.name, SearchAttributeType.KEYWORD),
  documentNumber: defineSearchAttributeKey(
    SEARCH_ATTRIBUTES.documentNumber.name,
    SearchAttributeType.KEYWORD,
  ),
  routing: defineSearchAttributeKey(SEARCH_ATTRIBUTES.routing.name, SearchAttributeType.KEYWORD),
  erpReference: defineSearchAttributeKey(SEARCH_ATTRIBUTES.erpReference.name, SearchAttributeType.KEYWORD),
  needsAttention: defineSearchAttributeKey(SEARCH_ATTRIBUTES.needsAttention.name, SearchAttributeType.BOOL),
  masterDocument: defineSearchAttributeKey(
    SEARCH_ATTRIBUTES.masterDocument.name,
    SearchAttributeType.KEYWORD,
  ),
  transport: defineSearchAttributeKey(SEARCH_ATTRIBUTES.transport.name, SearchAttributeType.KEYWORD),
};
export const SEARCH_ATTRIBUTE_LIST: ReadonlyArray<{ name: string; type: 'Keyword' | 'Bool' }> =
  Object.values(SEARCH_ATTRIBUTES);

/** Phases of a house consignment, as DESIGN.md draws them. */
export const PHASES = [
  'SUBMITTING',
  'AWAITING_VALIDATION',
  'REJECTED',
  'INCOMPLETE',
  'REGISTERED',
  /** Customs holds the house (its POST answer was lost) but the MRN is unknown: see provideMrn. */
  'MRN_UNKNOWN',
  'PRESENTING',
  'AWAITING_ROUTING',
  'TO_CONTROL',
  'ENTRY_PENDING',
  'RELEASED',
  'DENIED',
  'CANCELLING',
  'CANCELLED',
  /** Nothing came within Customs' own limits (30 days after the last update): ended, still flagged. */
  'EXPIRED',
] as const;
export type Phase = (typeof PHASES)[number];
export const TERMINAL_PHASES: ReadonlySet<Phase> = new Set<Phase>([
  'RELEASED',
  'DENIED',
  'CANCELLED',
  'EXPIRED',
]);

/** Transport modes and their API versions (DOMAIN.md section 1). */
export const MODES = ['road', 'air', 'rail', 'maritime'] as const;
export type Mode = (typeof MODES)[number];

/**
 * The workflow id of a house consignment: `hc:{type}:{documentNumber}`. Routing items carry
 * `referenceNumber` + `type`, so the id is derivable from those two alone.
 */
export function consignmentWorkflowId(type: string, documentNumber: string): string {
  return `hc:${type}:${documentNumber}`;
}

/** Inverse of {@link consignmentWorkflowId}; undefined for ids that are not consignments. */
export function parseConsignmentWorkflowId(id: string): { type: string; documentNumber: string } | undefined {
  const match = /^hc:([^:]+):(.+)$/.exec(id);
  return match ? { type: match[1]!, documentNumber: match[2]! } : undefined;
}

/** One routing feed per organisation (the feed is per organisation at Customs). */
export function routingFeedWorkflowId(organisation = 'default'): string {
  return `routing-feed:${organisation}`;
}
