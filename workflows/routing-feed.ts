// One long-running workflow per organisation owns the marker of Customs' routing feed (DESIGN.md
// "The routing feed"): fetch a page after the marker, deliver each item to its consignment, then
// advance the marker. The marker only moves after delivery, so delivery is at-least-once.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/common';
import type { RoutingActivities } from '../activities';
import { DIGITOLL_ACTIVITY_TASK_QUEUE } from '../src/shared';
import {
  pollNowSignal,
  routingFeedStatusQuery,
  UNMATCHED_LIST_LIMIT,
  type RoutingFeedInput,
  type RoutingFeedStatus,
} from './routing-feed-messages';

const DEFAULT_POLL_INTERVAL = '30s';
const FULL_PAGE = 1000;

export async function routingFeedWorkflow(input: RoutingFeedInput): Promise<void> {
  const status: RoutingFeedStatus = {
    organisation: input.organisation,
    marker: input.marker,
    totals: input.totals ?? { pages: 0, received: 0, delivered: 0, unmatched: 0 },
    recentUnmatched: input.recentUnmatched ?? [],
    lastPageSize: 0,
  };
  let pollNow = false;
  setHandler(routingFeedStatusQuery, () => status, { description: 'Marker, counters and unmatched items' });
  setHandler(pollNowSignal, () => void (pollNow = true), { description: 'Poll the feed now' });

  const retry: RetryPolicy = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' };
  const fetchOptions: ActivityOptions = {
    taskQueue: input.digitollTaskQueue ?? DIGITOLL_ACTIVITY_TASK_QUEUE,
    startToCloseTimeout: '1 minute',
    retry,
  };
  const { fetchRoutingPage } = proxyActivities<RoutingActivities>(fetchOptions);
  const { deliverRoutingSignals } = proxyActivities<RoutingActivities>({
    taskQueue: input.deliveryTaskQueue ?? workflowInfo().taskQueue,
    startToCloseTimeout: '5 minutes',
    retry,
  });
  const fullPage = input.fullPageSize ?? FULL_PAGE;

  while (!workflowInfo().continueAsNewSuggested) {
    const marker = status.marker;
    const page = await fetchRoutingPage.executeWithOptions(
      { ...fetchOptions, summary: `Fetch routing after ${marker ?? 'the start'}` },
      [{ marker }],
    );
    status.lastPollAt = new Date().toISOString();
    status.lastPageSize = page.items.length;
    if (page.items.length > 0) {
      const result = await deliverRoutingSignals({ items: page.items });
      status.totals.pages += 1;
      status.totals.received += page.items.length;
      status.totals.delivered += result.delivered;
      status.totals.unmatched += result.unmatched.length;
      status.recentUnmatched = [...status.recentUnmatched, ...result.unmatched].slice(-UNMATCHED_LIST_LIMIT);
      status.marker = page.items[page.items.length - 1]!.routingResult.id;
    }
    if (page.items.length >= fullPage) continue;
    pollNow = false;
    await condition(() => pollNow, input.pollInterval ?? DEFAULT_POLL_INTERVAL, {
      summary: 'Wait for the next poll',
    });
  }
  await condition(allHandlersFinished);
  await continueAsNew<typeof routingFeedWorkflow>({
    ...input,
    marker: status.marker,
    totals: status.totals,
    recentUnmatched: status.recentUnmatched,
  });
}
