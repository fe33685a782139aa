// One long-running workflow per organisation owns the marker of Customs' routing feed (DESIGN.md
// "The routing feed"). Each poll is one activity that reads a page after the marker and delivers
// it; the marker moves only after delivery, so delivery is at-least-once. A Customs problem never
// fails the feed: the poll failure is recorded in the status and the feed tries again later.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  isCancellation,
  makeContinueAsNewFunc,
  proxyActivities,
  setHandler,
  TimeoutFailure,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { PollRoutingFeedResult, RoutingActivities } from '../activities';
import { workflowNow } from './clock';
import { DIGITOLL_ACTIVITY_TASK_QUEUE, SEARCH_ATTRIBUTE_KEYS } from '../src/shared';
import {
  MALFORMED_LIST_LIMIT,
  pollNowSignal,
  ROUTING_FEED_MEMO_KEY,
  routingFeedStatusQuery,
  UNMATCHED_LIST_LIMIT,
  type RoutingFeedInput,
  type RoutingFeedMemo,
  type RoutingFeedStatus,
} from './routing-feed-messages';

const DEFAULT_POLL_INTERVAL = '30s';
const FULL_PAGE = 1000;
const MAX_ERROR_MESSAGE = 500;

export async function routingFeedWorkflow(input: RoutingFeedInput): Promise<void> {
  const status = initialStatus(input);
  let pollNow = false;
  setHandler(routingFeedStatusQuery, () => status, { description: 'Marker, counters, problems' });
  setHandler(pollNowSignal, () => void (pollNow = true), { description: 'Poll the feed now' });

  const options: ActivityOptions = {
    taskQueue: input.digitollTaskQueue ?? DIGITOLL_ACTIVITY_TASK_QUEUE,
    startToCloseTimeout: '5 minutes',
    // Bounded, so a lasting outage shows in the status instead of hiding in an endless retry.
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 5 },
  };
  const { pollRoutingFeed } = proxyActivities<RoutingActivities>(options);
  const fullPage = input.fullPageSize ?? FULL_PAGE;

  while (!workflowInfo().continueAsNewSuggested) {
    // Reset before the poll: a pollNow that arrives while it runs still cuts the next wait short.
    pollNow = false;
    const marker = status.marker;
    try {
      const result = await pollRoutingFeed.executeWithOptions(
        { ...options, summary: `Read and deliver routing after ${marker ?? 'the start'}` },
        [{ marker }],
      );
      applyPage(status, result);
      if (result.received >= fullPage && status.marker !== marker) continue;
    } catch (error) {
      if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
      recordFailure(status, error);
    }
    await condition(() => pollNow, input.pollInterval ?? DEFAULT_POLL_INTERVAL, {
      summary: status.needsAttention ? 'Wait before polling again after a failure' : 'Wait for the next poll',
    });
  }
  await condition(allHandlersFinished);
  const next: RoutingFeedInput = {
    ...input,
    marker: status.marker,
    totals: status.totals,
    recentUnmatched: status.recentUnmatched,
    recentMalformed: status.recentMalformed,
    lastError: status.lastError,
    needsAttention: status.needsAttention,
    consecutiveFailures: status.consecutiveFailures,
  };
  await makeContinueAsNewFunc<typeof routingFeedWorkflow>({ memo: memoOf(status) })(next);
}

function initialStatus(input: RoutingFeedInput): RoutingFeedStatus {
  return {
    organisation: input.organisation,
    marker: input.marker,
    totals: {
      pages: 0,
      received: 0,
      delivered: 0,
      unmatched: 0,
      malformed: 0,
      failedPolls: 0,
      ...input.totals,
    },
    recentUnmatched: input.recentUnmatched ?? [],
    recentMalformed: input.recentMalformed ?? [],
    lastPageSize: 0,
    needsAttention: input.needsAttention ?? false,
    consecutiveFailures: input.consecutiveFailures ?? 0,
    lastError: input.lastError,
  };
}

function applyPage(status: RoutingFeedStatus, result: PollRoutingFeedResult): void {
  status.lastPollAt = workflowNow();
  status.lastPageSize = result.received;
  flagAttention(status, false);
  status.consecutiveFailures = 0;
  if (result.received === 0) return;
  const { totals } = status;
  totals.pages += 1;
  totals.received += result.received;
  totals.delivered += result.delivered;
  totals.unmatched += result.unmatchedCount;
  totals.malformed += result.malformedCount;
  status.recentUnmatched = [...status.recentUnmatched, ...result.unmatched].slice(-UNMATCHED_LIST_LIMIT);
  status.recentMalformed = [...status.recentMalformed, ...result.malformed].slice(-MALFORMED_LIST_LIMIT);
  if (result.lastId !== undefined && result.lastId !== status.marker) {
    status.marker = result.lastId;
    // The memo outlives the run: ensureRoutingFeed resumes from it should a run ever close.
    upsertMemo(memoOf(status));
  }
}

function recordFailure(status: RoutingFeedStatus, error: ActivityFailure): void {
  const cause = error.cause;
  const type =
    cause instanceof ApplicationFailure
      ? (cause.type ?? 'APPLICATION_FAILURE')
      : cause instanceof TimeoutFailure
        ? 'TIMEOUT'
        : (cause?.name ?? error.name);
  const at = workflowNow();
  status.lastPollAt = at;
  status.lastError = { type, message: (cause ?? error).message.slice(0, MAX_ERROR_MESSAGE), at };
  flagAttention(status, true);
  status.consecutiveFailures += 1;
  status.totals.failedPolls += 1;
}

function memoOf(status: RoutingFeedStatus): Record<string, RoutingFeedMemo> {
  return { [ROUTING_FEED_MEMO_KEY]: { marker: status.marker, totals: { ...status.totals } } };
}

/** Operators find a failing feed with the same filter as a parked consignment (DigitollNeedsAttention). */
function flagAttention(status: RoutingFeedStatus, needsAttention: boolean): void {
  if (status.needsAttention === needsAttention) return;
  status.needsAttention = needsAttention;
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTE_KEYS.needsAttention, value: needsAttention }]);
}
