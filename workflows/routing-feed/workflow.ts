// One long-running workflow per organisation owns the marker of Customs' routing feed (DESIGN.md
// "The routing feed"). Each poll is one activity that reads a page after the marker and delivers
// it; the marker moves only after delivery, so delivery is at-least-once. Nothing holds the marker
// back: a Customs problem is recorded and polled again later; an item that cannot be applied is
// counted by class, and the unexplained ones keep the feed under NeedsAttention until acknowledged.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  isCancellation,
  makeContinueAsNewFunc,
  patched,
  proxyActivities,
  setHandler,
  TimeoutFailure,
  upsertMemo,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { RoutingActivities } from '../../activities';
import { DIGITOLL_ACTIVITY_TASK_QUEUE, routingFeedActivityTaskQueue } from '../../src/shared';
import {
  acknowledgeSignal,
  pollNowSignal,
  ROUTING_FEED_MEMO_KEY,
  routingFeedStatusQuery,
  type RoutingFeedError,
  type RoutingFeedInput,
  type RoutingFeedMemo,
  type RoutingFeedStatus,
} from './messages';
import {
  acknowledge,
  applyPage,
  carryOver,
  initialStatus,
  legacyAttention,
  recordFailure,
  refreshAttention,
  type PageResult,
} from './status';

const DEFAULT_POLL_INTERVAL = '30s';
const FULL_PAGE = 1000;
const MAX_ERROR_MESSAGE = 500;
/**
 * Runs before this patch polled on the Customs queue with a 5-minute timeout and no heartbeat, and
 * cleared NeedsAttention after every successful poll; their histories replay that way.
 */
export const ROUTING_FEED_PATCH = 'routing-feed-own-queue-heartbeat-attention';
/**
 * Runs with this patch poll at their interval: the wait for the next poll starts with the poll,
 * so a poll (and its workflow tasks, queued behind the houses' under load) no longer adds to the
 * interval. Earlier runs waited a whole interval after each poll ended; their histories replay so.
 */
export const ROUTING_FEED_AT_RATE_PATCH = 'routing-feed-at-rate';

// Bounded, so a lasting outage shows in the status instead of hiding in an endless retry.
const RETRY: ActivityOptions['retry'] = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '30s',
  maximumAttempts: 5,
};

/** The feed's own queue and rate budget; a lost worker is noticed within the heartbeat timeout. */
function currentOptions(): ActivityOptions {
  return {
    taskQueue: routingFeedActivityTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '60s',
    heartbeatTimeout: '10s',
    retry: RETRY,
  };
}

function legacyOptions(input: RoutingFeedInput): ActivityOptions {
  return {
    taskQueue: input.digitollTaskQueue ?? DIGITOLL_ACTIVITY_TASK_QUEUE,
    startToCloseTimeout: '5 minutes',
    retry: RETRY,
  };
}

export async function routingFeedWorkflow(input: RoutingFeedInput): Promise<void> {
  const status = initialStatus(input);
  let pollNow = false;
  setHandler(routingFeedStatusQuery, () => status, { description: 'Marker, counters, problems' });
  setHandler(pollNowSignal, () => void (pollNow = true), { description: 'Poll the feed now' });
  setHandler(
    acknowledgeSignal,
    (request) => {
      acknowledge(status, request ?? {});
      refreshAttention(status);
    },
    { description: 'The unexplained and undeliverable items were looked at ({upTo?, note?})' },
  );
  const fullPage = input.fullPageSize ?? FULL_PAGE;

  const interval = input.pollInterval ?? DEFAULT_POLL_INTERVAL;
  /** A run at rate: the wait for the next poll, started with the poll before it. */
  let next: Promise<boolean> | undefined;
  while (!workflowInfo().continueAsNewSuggested) {
    // Reset before the poll: a pollNow that arrives while it runs still cuts the next wait short.
    pollNow = false;
    const current = patched(ROUTING_FEED_PATCH);
    if (current && patched(ROUTING_FEED_AT_RATE_PATCH))
      next ??= condition(() => pollNow, interval, { summary: 'Wait for the next poll' });
    const options = current ? currentOptions() : legacyOptions(input);
    const marker = status.marker;
    let failed = false;
    try {
      const { pollRoutingFeed } = proxyActivities<RoutingActivities>(options);
      const result = await pollRoutingFeed.executeWithOptions(
        { ...options, summary: `Read and deliver routing after ${marker ?? 'the start'}` },
        [{ marker }],
      );
      if (!current) legacyAttention(status, false);
      applyPoll(status, result);
      if (current) refreshAttention(status);
      // A full page polls again at once (a run at rate keeps its wait for the poll after).
      if (result.received >= fullPage && status.marker !== marker) continue;
    } catch (error) {
      if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
      recordFailure(status, failureOf(error));
      if (current) refreshAttention(status);
      else legacyAttention(status, true);
      failed = true;
    }
    if (next) {
      await next;
      next = undefined;
      // After a failure a run at rate also waits a whole interval, as every run did.
      if (!failed) continue;
    }
    await condition(() => pollNow, interval, {
      summary:
        status.consecutiveFailures > 0
          ? 'Wait before polling again after a failure'
          : 'Wait for the next poll',
    });
  }
  await condition(allHandlersFinished);
  await makeContinueAsNewFunc<typeof routingFeedWorkflow>({ memo: memoOf(status) })(carryOver(input, status));
}

function applyPoll(status: RoutingFeedStatus, result: PageResult): void {
  applyPage(status, result);
  if (result.received > 0 && result.lastId !== undefined && result.lastId !== status.marker) {
    status.marker = result.lastId;
    // The memo outlives the run: ensureRoutingFeed resumes from it should a run ever close.
    upsertMemo(memoOf(status));
  }
}

function failureOf(error: ActivityFailure): Omit<RoutingFeedError, 'at'> {
  const cause = error.cause;
  const type =
    cause instanceof ApplicationFailure
      ? (cause.type ?? 'APPLICATION_FAILURE')
      : cause instanceof TimeoutFailure
        ? 'TIMEOUT'
        : (cause?.name ?? error.name);
  return { type, message: (cause ?? error).message.slice(0, MAX_ERROR_MESSAGE) };
}

function memoOf(status: RoutingFeedStatus): Record<string, RoutingFeedMemo> {
  return { [ROUTING_FEED_MEMO_KEY]: { marker: status.marker, totals: { ...status.totals } } };
}
