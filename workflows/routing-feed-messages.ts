// The routing feed's input, status and query; imported by the worker, clients and the gateway.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { Duration } from './messages';

export interface RoutingFeedInput {
  organisation: string;
  /** routingResult.id of the last item delivered; absent: from the start of the feed. */
  marker?: string;
  /** Wait between polls when the last page was not full. */
  pollInterval?: Duration;
  /** A page of this size means more is waiting: fetch again at once. Customs' pages hold 1000. */
  fullPageSize?: number;
  /** Task queue of the Customs activities; defaults to DIGITOLL_ACTIVITY_TASK_QUEUE. */
  digitollTaskQueue?: string;
  /** Carried over continue-as-new (and by ensureRoutingFeed from a closed run's memo). */
  totals?: Partial<RoutingFeedTotals>;
  recentUnmatched?: UnmatchedItem[];
  recentMalformed?: MalformedItem[];
  lastError?: RoutingFeedError;
  /** Carried over continue-as-new only, which also carries the DigitollNeedsAttention attribute. */
  needsAttention?: boolean;
  consecutiveFailures?: number;
}

export interface RoutingFeedTotals {
  pages: number;
  received: number;
  delivered: number;
  unmatched: number;
  /** Items that did not match the expected shape: skipped, counted, kept in recentMalformed. */
  malformed: number;
  /** Polls that failed after the activity's own retries (Customs down, refused, unreadable). */
  failedPolls: number;
}

/** A routing item Customs sent in a shape this system does not understand (not delivered). */
export interface MalformedItem {
  routingId?: string;
  index: number;
  issues: { path: string; message: string }[];
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
  /** The latest items that could not be read (bounded). */
  recentMalformed: MalformedItem[];
  lastPollAt?: string;
  lastPageSize: number;
  /** True while the latest poll failed; the feed keeps polling and clears it on success. */
  needsAttention: boolean;
  consecutiveFailures: number;
  /** The latest failed poll (kept after recovery, for the record). */
  lastError?: RoutingFeedError;
}

/** What the feed keeps in its memo, so a new run can resume if a run ever closes. */
export interface RoutingFeedMemo {
  marker?: string;
  totals: RoutingFeedTotals;
}

export const ROUTING_FEED_MESSAGE_NAMES = { status: 'status', pollNow: 'pollNow' } as const;
export const routingFeedStatusQuery = defineQuery<RoutingFeedStatus>(ROUTING_FEED_MESSAGE_NAMES.status);
/** Skip the rest of the poll interval (operators, tests). */
export const pollNowSignal = defineSignal<[]>(ROUTING_FEED_MESSAGE_NAMES.pollNow);

export const UNMATCHED_LIST_LIMIT = 100;
export const MALFORMED_LIST_LIMIT = 20;
/** Memo key of RoutingFeedMemo on the feed's runs. */
export const ROUTING_FEED_MEMO_KEY = 'routingFeed';
