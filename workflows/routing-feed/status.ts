// The routing feed's status and how a poll, a failure or an acknowledgement changes it. Pure
// functions apart from the search-attribute upsert, so the feed's loop stays short.
import { upsertSearchAttributes } from '@temporalio/workflow';
import type { PollRoutingFeedResult } from '../../activities';
import { SEARCH_ATTRIBUTE_KEYS } from '../../src/shared';
import { workflowNow } from '../notification/clock';
import {
  UNDELIVERABLE_LIST_LIMIT,
  UNEXPLAINED_LIST_LIMIT,
  UNMATCHED_LIST_LIMIT,
  type AcknowledgeRequest,
  type RoutingFeedError,
  type RoutingFeedInput,
  type RoutingFeedStatus,
  type RoutingFeedTotals,
} from './messages';

const NO_TOTALS: RoutingFeedTotals = {
  pages: 0,
  received: 0,
  delivered: 0,
  unmatched: 0,
  alreadyFinal: 0,
  transportLevel: 0,
  unknownRouting: 0,
  unreadable: 0,
  undeliverable: 0,
  failedPolls: 0,
};

export function initialStatus(input: RoutingFeedInput): RoutingFeedStatus {
  const attention = input.attention ?? { lastSeq: 0, acknowledgedThrough: 0 };
  return {
    organisation: input.organisation,
    marker: input.marker,
    totals: { ...NO_TOTALS, ...input.totals },
    recentUnmatched: input.recentUnmatched ?? [],
    unexplained: input.unexplained ?? [],
    undeliverable: input.undeliverable ?? [],
    attention,
    unacknowledged: attention.lastSeq - attention.acknowledgedThrough,
    lastAcknowledgement: input.lastAcknowledgement,
    lastPageSize: 0,
    needsAttention: input.needsAttention ?? false,
    consecutiveFailures: input.consecutiveFailures ?? 0,
    lastError: input.lastError,
  };
}

/** What the next run starts from (continue-as-new). */
export function carryOver(input: RoutingFeedInput, status: RoutingFeedStatus): RoutingFeedInput {
  // The task queue is derived by the workflow now: an old run's queue name is not carried on.
  const { digitollTaskQueue: _legacyQueue, ...rest } = input;
  return {
    ...rest,
    marker: status.marker,
    totals: status.totals,
    recentUnmatched: status.recentUnmatched,
    unexplained: status.unexplained,
    undeliverable: status.undeliverable,
    attention: status.attention,
    lastAcknowledgement: status.lastAcknowledgement,
    lastError: status.lastError,
    needsAttention: status.needsAttention,
    consecutiveFailures: status.consecutiveFailures,
  };
}

/** A poll's result; those written before items were classified lack the newer fields. */
export type PageResult = Pick<
  PollRoutingFeedResult,
  'lastId' | 'received' | 'delivered' | 'unmatchedCount' | 'unmatched'
> &
  Partial<PollRoutingFeedResult>;

/** Counts and lists of one page. */
export function applyPage(status: RoutingFeedStatus, result: PageResult): void {
  const at = workflowNow();
  status.lastPollAt = at;
  status.lastPageSize = result.received;
  status.consecutiveFailures = 0;
  if (result.received === 0) return;
  const t = status.totals;
  t.pages += 1;
  t.received += result.received;
  t.delivered += result.delivered;
  t.unmatched += result.unmatchedCount;
  t.alreadyFinal += result.alreadyFinal ?? 0;
  t.transportLevel += result.transportLevel ?? 0;
  t.unknownRouting += result.unknownRouting ?? 0;
  t.unreadable += result.unreadable ?? result.malformedCount ?? 0;
  t.undeliverable += result.undeliverableCount ?? 0;
  status.recentUnmatched = [...status.recentUnmatched, ...result.unmatched].slice(-UNMATCHED_LIST_LIMIT);
  const next = () => (status.attention.lastSeq += 1);
  const unexplained = (result.unexplained ?? []).map((u) => ({ ...u, seq: next(), seenAt: at }));
  const undeliverable = (result.undeliverable ?? []).map((u) => ({ ...u, seq: next(), seenAt: at }));
  // Items beyond the activity's bounded lists still need attention: count them in the sequence.
  const unlisted =
    (result.unknownRouting ?? 0) +
    (result.unreadable ?? 0) -
    unexplained.length +
    (result.undeliverableCount ?? 0) -
    undeliverable.length;
  status.attention.lastSeq += Math.max(0, unlisted);
  status.unexplained = [...status.unexplained, ...unexplained].slice(-UNEXPLAINED_LIST_LIMIT);
  status.undeliverable = [...status.undeliverable, ...undeliverable].slice(-UNDELIVERABLE_LIST_LIMIT);
  status.unacknowledged = status.attention.lastSeq - status.attention.acknowledgedThrough;
}

export function recordFailure(status: RoutingFeedStatus, error: Omit<RoutingFeedError, 'at'>): void {
  const at = workflowNow();
  status.lastPollAt = at;
  status.lastError = { ...error, at };
  status.consecutiveFailures += 1;
  status.totals.failedPolls += 1;
}

/** Marks every listed item up to `upTo` (or all seen so far) as acknowledged. */
export function acknowledge(status: RoutingFeedStatus, request: AcknowledgeRequest): void {
  const at = workflowNow();
  const listed = [...status.unexplained, ...status.undeliverable];
  const through =
    request.upTo === undefined
      ? status.attention.lastSeq
      : Math.max(0, ...listed.filter((i) => i.routingId === request.upTo).map((i) => i.seq));
  const before = status.attention.acknowledgedThrough;
  status.attention.acknowledgedThrough = Math.max(before, through);
  for (const item of listed) if (item.seq <= through) item.acknowledgedAt ??= at;
  status.unacknowledged = status.attention.lastSeq - status.attention.acknowledgedThrough;
  status.lastAcknowledgement = {
    at,
    note: request.note,
    upTo: request.upTo,
    acknowledged: status.attention.acknowledgedThrough - before,
  };
}

/** Why the feed needs an operator, or undefined when it does not. */
function attentionReason(status: RoutingFeedStatus): string | undefined {
  const reasons: string[] = [];
  if (status.consecutiveFailures > 0) {
    reasons.push(
      `the last ${status.consecutiveFailures} poll(s) failed (${status.lastError?.type ?? 'unknown'}); routing signals are not arriving`,
    );
  }
  if (status.unacknowledged > 0) {
    reasons.push(
      `${status.unacknowledged} item(s) unexplained or undeliverable and not acknowledged; look at them, then acknowledge`,
    );
  }
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** Recomputes needsAttention; the search attribute changes only when the flag does. */
export function refreshAttention(status: RoutingFeedStatus): void {
  status.needsAttentionReason = attentionReason(status);
  flagAttention(status, status.needsAttentionReason !== undefined);
}

/**
 * Runs recorded before classification set the flag from the latest poll alone; their histories
 * hold exactly those upserts, so their replay must make the same ones.
 */
export function legacyAttention(status: RoutingFeedStatus, pollFailed: boolean): void {
  status.needsAttentionReason = pollFailed ? attentionReason({ ...status, unacknowledged: 0 }) : undefined;
  flagAttention(status, pollFailed);
}

/** Operators find a failing feed with the same filter as a parked consignment (DigitollNeedsAttention). */
function flagAttention(status: RoutingFeedStatus, needsAttention: boolean): void {
  if (status.needsAttention === needsAttention) return;
  status.needsAttention = needsAttention;
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTE_KEYS.needsAttention, value: needsAttention }]);
}
