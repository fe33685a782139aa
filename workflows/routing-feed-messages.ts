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
  /** Task queue of the delivery activity; defaults to the workflow's own task queue. */
  deliveryTaskQueue?: string;
  /** Carried over continue-as-new. */
  totals?: RoutingFeedTotals;
  recentUnmatched?: UnmatchedItem[];
}

export interface RoutingFeedTotals {
  pages: number;
  received: number;
  delivered: number;
  unmatched: number;
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
  lastPollAt?: string;
  lastPageSize: number;
}

export const ROUTING_FEED_MESSAGE_NAMES = { status: 'status', pollNow: 'pollNow' } as const;
export const routingFeedStatusQuery = defineQuery<RoutingFeedStatus>(ROUTING_FEED_MESSAGE_NAMES.status);
/** Skip the rest of the poll interval (operators, tests). */
export const pollNowSignal = defineSignal<[]>(ROUTING_FEED_MESSAGE_NAMES.pollNow);

export const UNMATCHED_LIST_LIMIT = 100;
