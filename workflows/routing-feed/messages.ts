// The routing feed's input, status and messages; imported by the worker, clients and the gateway.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { Duration } from '../consignment/messages';

export interface RoutingFeedInput {
  organisation: string;
  /** routingResult.id of the last item delivered; absent: from the start of the feed. */
  marker?: string;
  /** Wait between polls when the last page was not full. */
  pollInterval?: Duration;
  /** A page of this size means more is waiting: fetch again at once. Customs' pages hold 1000. */
  fullPageSize?: number;
  /**
   * Read only by runs that started before the feed had a task queue of its own (replay). Newer
   * runs derive their queue from their own (routingFeedActivityTaskQueue), so a queue renamed in
   * the configuration cannot leave the feed polling a queue no worker serves.
   */
  digitollTaskQueue?: string;
  /** Carried over continue-as-new (and by ensureRoutingFeed from a closed run's memo). */
  totals?: Partial<RoutingFeedTotals>;
  recentUnmatched?: UnmatchedItem[];
  unexplained?: UnexplainedItem[];
  undeliverable?: UndeliverableItem[];
  attention?: AttentionLedger;
  lastAcknowledgement?: Acknowledgement;
  lastError?: RoutingFeedError;
  /** Carried over continue-as-new only, which also carries the DigitollNeedsAttention attribute. */
  needsAttention?: boolean;
  consecutiveFailures?: number;
}

/** Counters by class; they survive continue-as-new. */
export interface RoutingFeedTotals {
  pages: number;
  received: number;
  delivered: number;
  /** Items for houses this system does not track (no such workflow): normal, counted. */
  unmatched: number;
  /** Items for houses whose workflow has already finished (re-sent by Customs): normal, counted. */
  alreadyFinal: number;
  /** Items with `transportDocumentHouseLevel: null` (transport-level signals): normal, counted. */
  transportLevel: number;
  /** Unexplained: a routing value this system does not know. */
  unknownRouting: number;
  /** Unexplained: an element that could not be read as a routing item. */
  unreadable: number;
  /** Items Temporal refused to deliver (a limit, an invalid argument, retries exhausted). */
  undeliverable: number;
  /** Polls that failed after the activity's own retries (Customs down, refused, unreadable). */
  failedPolls: number;
}

export type UnexplainedClass = 'unknown-routing' | 'unreadable';

/** An item the feed skipped and cannot explain: listed until an operator acknowledges it. */
export interface UnexplainedItem {
  /** Position in the feed's attention sequence (acknowledge works up to a position). */
  seq: number;
  class: UnexplainedClass;
  routingId?: string;
  routing?: string;
  /** Position on its page (0-based). */
  index: number;
  /** A short excerpt of the raw element, so an operator sees what Customs sent. */
  excerpt: string;
  issues: { path: string; message: string }[];
  seenAt: string;
  acknowledgedAt?: string;
}

/** A house item Temporal would not take (a limit of the house's workflow, an invalid argument). */
export interface UndeliverableItem {
  seq: number;
  workflowId: string;
  routingId: string;
  routing: string;
  /** gRPC status and the server's message, e.g. "INVALID_ARGUMENT: exceeded ... signal events". */
  reason: string;
  seenAt: string;
  acknowledgedAt?: string;
}

/** How many items ever needed attention, and how far an operator has acknowledged them. */
export interface AttentionLedger {
  /** seq of the latest unexplained or undeliverable item (0: none yet). */
  lastSeq: number;
  /** Every item with seq <= this is acknowledged. */
  acknowledgedThrough: number;
}

export interface Acknowledgement {
  at: string;
  note?: string;
  upTo?: string;
  /** Items this acknowledgement covered (0 when `upTo` named no listed item). */
  acknowledged: number;
}

export interface RoutingFeedError {
  /** The failure type (e.g. UNAUTHORIZED, UNEXPECTED_RESPONSE, UNAVAILABLE, TIMEOUT). */
  type: string;
  message: string;
  at: string;
}

export interface UnmatchedItem {
  workflowId: string;
  routingId: string;
}

export interface RoutingFeedStatus {
  organisation: string;
  marker?: string;
  totals: RoutingFeedTotals;
  /** The latest items for consignments this system does not track (bounded). */
  recentUnmatched: UnmatchedItem[];
  /** The latest unexplained items, acknowledged or not (bounded). */
  unexplained: UnexplainedItem[];
  /** The latest undeliverable items, acknowledged or not (bounded). */
  undeliverable: UndeliverableItem[];
  /** Unexplained and undeliverable items no operator has acknowledged yet. */
  unacknowledged: number;
  attention: AttentionLedger;
  lastAcknowledgement?: Acknowledgement;
  lastPollAt?: string;
  lastPageSize: number;
  /** True while polls fail or items are unacknowledged; mirrored in DigitollNeedsAttention. */
  needsAttention: boolean;
  /** Why, in words (absent when all is well). */
  needsAttentionReason?: string;
  consecutiveFailures: number;
  /** The latest failed poll (kept after recovery, for the record). */
  lastError?: RoutingFeedError;
}

/** What the feed keeps in its memo, so a new run can resume if a run ever closes. */
export interface RoutingFeedMemo {
  marker?: string;
  totals: RoutingFeedTotals;
}

export interface AcknowledgeRequest {
  /** routingResult.id of the last listed item to acknowledge; absent: everything seen so far. */
  upTo?: string;
  note?: string;
}

export const ROUTING_FEED_MESSAGE_NAMES = {
  status: 'status',
  pollNow: 'pollNow',
  acknowledge: 'acknowledge',
} as const;
export const routingFeedStatusQuery = defineQuery<RoutingFeedStatus>(ROUTING_FEED_MESSAGE_NAMES.status);
/** Skip the rest of the poll interval (operators, tests). */
export const pollNowSignal = defineSignal<[]>(ROUTING_FEED_MESSAGE_NAMES.pollNow);
/** Operator: the listed unexplained and undeliverable items have been looked at. */
export const acknowledgeSignal = defineSignal<[AcknowledgeRequest?]>(ROUTING_FEED_MESSAGE_NAMES.acknowledge);

export const UNMATCHED_LIST_LIMIT = 100;
export const UNEXPLAINED_LIST_LIMIT = 50;
export const UNDELIVERABLE_LIST_LIMIT = 50;
/** Memo key of RoutingFeedMemo on the feed's runs. */
export const ROUTING_FEED_MEMO_KEY = 'routingFeed';
