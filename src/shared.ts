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
export const TRANSPORT_WORKFLOW_TYPE = 'transportWorkflow';
export const MASTER_WORKFLOW_TYPE = 'masterWorkflow';

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
  /**
   * Workflow time of a house's latest change (phase, attention, MRN, routing or what its summary
   * says): `DigitollUpdatedAt < '2026-11-29T00:00:00Z'` lists what has not moved for a day.
   */
  updatedAt: { name: 'DigitollUpdatedAt', type: 'Datetime' },
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
  updatedAt: defineSearchAttributeKey(SEARCH_ATTRIBUTES.updatedAt.name, SearchAttributeType.DATETIME),
};
export type SearchAttributeTypeName = (typeof SEARCH_ATTRIBUTES)[SearchAttributeKey]['type'];
export const SEARCH_ATTRIBUTE_LIST: ReadonlyArray<{ name: string; type: SearchAttributeTypeName }> =
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

export const PRESENTATION_WORKFLOW_TYPE = 'presentationWorkflow';
/**
 * Levels a ground handler presents explicitly, each presenting every house inside it (DOMAIN.md
 * section 1, step 5); the ENS level is deprecated at Customs but still served.
 */
export const PRESENTATION_LEVELS = [
  'entry-summary-declaration',
  'master-consignment',
  'container',
  'receptacle',
] as const;
export type PresentationLevel = (typeof PRESENTATION_LEVELS)[number];
/** Phases of an explicit presentation: REFUSED parks until `retry`; PRESENTED and EXPIRED end it. */
export const PRESENTATION_PHASES = [
  'PRESENTING',
  'AWAITING_VALIDATION',
  'REFUSED',
  'PRESENTED',
  'EXPIRED',
] as const;
export type PresentationPhase = (typeof PRESENTATION_PHASES)[number];

/**
 * The workflow id of an explicit presentation: `pr:{level}:{identifier}`, the identifier being the
 * ENS MRN, the master's `{type}:{documentNumber}`, the container or the receptacle id.
 */
export function presentationWorkflowId(level: PresentationLevel, identifier: string): string {
  return `pr:${level}:${identifier}`;
}

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

/**
 * Phases of a transport or master consignment (the shared notification lifecycle, DESIGN.md). A
 * transport also has AWAITING_ENTRY (its ETA passed, entry status asked) and ENTRY_REFUSED
 * (`validEntry: false`: contact Customs before unloading); ENTERED ends a transport, and a master
 * whose transport entered.
 */
export const LEVEL_PHASES = [
  'SUBMITTING',
  'AWAITING_VALIDATION',
  'REJECTED',
  /** Customs holds it (a POST answered "already in use") but the MRN is unknown: see provideMrn. */
  'MRN_UNKNOWN',
  'REGISTERED',
  'AWAITING_ENTRY',
  'ENTRY_REFUSED',
  'ENTERED',
  'CANCELLING',
  'CANCELLED',
  'EXPIRED',
] as const;
export type LevelPhase = (typeof LEVEL_PHASES)[number];
export const LEVEL_TERMINAL_PHASES: ReadonlySet<LevelPhase> = new Set<LevelPhase>([
  'ENTERED',
  'CANCELLED',
  'EXPIRED',
]);

/** The parts of a transport document its workflow id is made of (absent parts read as ""). */
export interface TransportKeyFields {
  activeBorderTransportMeans?: { identificationNumber?: string; conveyanceReferenceNumber?: string | null };
  scheduledDateAndTimeOfArrival?: string | null;
}

/**
 * The key part of a transport's workflow id, also the value of DigitollTransport:
 * `{mode}:{identificationNumber}:{scheduledDateAndTimeOfArrival}` (+ `:{conveyanceReferenceNumber}` for air).
 */
export function transportKey(mode: Mode, doc: TransportKeyFields): string {
  const means = doc.activeBorderTransportMeans;
  const base = `${mode}:${means?.identificationNumber ?? ''}:${doc.scheduledDateAndTimeOfArrival ?? ''}`;
  return mode === 'air' ? `${base}:${means?.conveyanceReferenceNumber ?? ''}` : base;
}

/** The workflow id of a transport: `tr:` + {@link transportKey}. */
export function transportWorkflowId(mode: Mode, doc: TransportKeyFields): string {
  return `tr:${transportKey(mode, doc)}`;
}

/** A master's key, `{type}:{documentNumber}`: the value of DigitollMasterDocument. */
export function masterDocumentKey(key: { type: string; documentNumber: string }): string {
  return `${key.type}:${key.documentNumber}`;
}

/** The workflow id of a master consignment from its key: `mc:{type}:{documentNumber}`. */
export function masterWorkflowIdOfKey(key: { type: string; documentNumber: string }): string {
  return `mc:${masterDocumentKey(key)}`;
}

/** The workflow id of a master consignment from its document. */
export function masterWorkflowId(doc: {
  consignmentMasterLevel: { transportDocumentMasterLevel: { type: string; documentNumber: string } };
}): string {
  return masterWorkflowIdOfKey(doc.consignmentMasterLevel.transportDocumentMasterLevel);
}
