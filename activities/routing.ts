// The routing feed's one activity: read a page of Customs' feed after the marker and deliver each
// house item as a `routing` signal to the consignment it names. Only counts and bounded lists go
// back to the workflow, so a page of 1000 items never lands in the feed's history. Delivery is
// at-least-once (consignments dedupe by routingResult.id), but a retried attempt of the same page
// skips what its heartbeat says was finished, so a lost worker costs seconds, not a re-delivery.
import { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { DigitollApi } from '../src/digitoll/api';
import type { SkippedRoutingItem } from '../src/digitoll/routing-page';
import { UnexpectedResponse } from '../src/digitoll/errors';
import { consignmentWorkflowId } from '../src/shared';
import type { RoutingSignal } from '../workflows/consignment/messages';
import { UNEXPLAINED_LIST_LIMIT } from '../workflows/routing-feed/messages';
import { mapCustomsErrors, toApplicationFailure } from './errors';
import {
  DEFAULT_DELIVERY_OPTIONS,
  defaultSignalRouting,
  deliverOne,
  forEachLane,
  type DeliveryOptions,
  type SignalRouting,
} from './routing-delivery';
import { DeliveryProgress, resumePoint, type DeliveryTally } from './routing-progress';

export type { UnmatchedRouting, UndeliverableRouting } from './routing-progress';

export interface PollRoutingFeedInput {
  marker?: string;
}

/** An item the page reader skipped and nobody can explain (not transport-level). */
export type PolledUnexplained = Omit<SkippedRoutingItem, 'class'> & {
  class: 'unknown-routing' | 'unreadable';
};

export interface PollRoutingFeedResult extends DeliveryTally {
  /** routingResult.id of the page's last raw item: the next marker; absent when there is none. */
  lastId?: string;
  /** Elements on the page, readable or not. */
  received: number;
  transportLevel: number;
  unknownRouting: number;
  unreadable: number;
  /** The last UNEXPLAINED_LIST_LIMIT unknown-routing and unreadable items, in page order. */
  unexplained: PolledUnexplained[];
  /** Written by workers before items were classified; read only when replaying their results. */
  malformedCount?: number;
}

export interface RoutingActivityDeps {
  digitoll: DigitollApi;
  client: Client;
  concurrency?: number;
  /** How one item is signalled; the Temporal client by default. */
  signalRouting?: SignalRouting;
  delivery?: Partial<DeliveryOptions>;
}

const HEARTBEAT_EVERY_MS = 1_000;
/**
 * The routing worker's maxHeartbeatThrottleInterval: the SDK sends at most one heartbeat per
 * interval, so progress a lost worker had not sent yet is re-delivered by the next attempt.
 */
export const ROUTING_HEARTBEAT_THROTTLE_MS = 1_000;

export function createRoutingActivities(deps: RoutingActivityDeps) {
  const concurrency = Math.max(1, deps.concurrency ?? 16);
  const signal = deps.signalRouting ?? defaultSignalRouting(deps.client);
  const options = { ...DEFAULT_DELIVERY_OPTIONS, ...deps.delivery };
  return {
    async pollRoutingFeed(input: PollRoutingFeedInput): Promise<PollRoutingFeedResult> {
      // No beats of its own while reading: this activity heartbeats its delivery progress.
      const page = await mapCustomsErrors(() => deps.digitoll.readRoutingPage(input.marker), {
        heartbeat: false,
      });
      if (page.size > 0 && page.lastId === undefined) {
        // Nothing to move the marker past: reading again would only repeat this page.
        throw toApplicationFailure(
          new UnexpectedResponse('GET routing page', 200, [
            { path: '[].routingResult.id', message: `none of the ${page.size} items carries an id` },
          ]),
        );
      }
      const ctx = Context.current();
      const firstId = page.items[0]?.routingResult.id;
      const progress = new DeliveryProgress(resumePoint(ctx.info.heartbeatDetails, input.marker, firstId));
      const beat = () => ctx.heartbeat(progress.snapshot(input.marker, firstId));
      beat();
      // Also while one slow signal blocks every lane: the heartbeat timeout must only catch a lost worker.
      const ticker = setInterval(beat, HEARTBEAT_EVERY_MS);
      try {
        await deliverPage(page.items, progress, concurrency, async (workflowId, item) => {
          if (ctx.cancellationSignal.aborted) throw new CancelledFailure('the poll was cancelled');
          return deliverOne(deps.client, signal, workflowId, item, options);
        });
      } catch (error) {
        // A failed attempt does not send its last throttled heartbeat: wait one throttle interval so
        // the server holds the progress and the retry skips what was delivered.
        beat();
        await ctx.sleep(ROUTING_HEARTBEAT_THROTTLE_MS + 200);
        throw error;
      } finally {
        clearInterval(ticker);
      }
      beat();
      return resultOf(page.lastId, page.size, page.skipped, progress.tally);
    },
  };
}

export type RoutingActivities = ReturnType<typeof createRoutingActivities>;

/**
 * Items of one consignment go one after the other in feed order (the consignment applies them in
 * arrival order and the latest wins); different consignments go in parallel, at most `limit` at once.
 */
async function deliverPage(
  items: RoutingSignal[],
  progress: DeliveryProgress,
  limit: number,
  deliver: (workflowId: string, item: RoutingSignal) => ReturnType<typeof deliverOne>,
): Promise<void> {
  const byWorkflow = new Map<string, number[]>();
  items.forEach((item, index) => {
    if (progress.isDone(index)) return;
    const house = item.transportDocumentHouseLevel;
    const workflowId = consignmentWorkflowId(house.type, house.referenceNumber);
    const lane = byWorkflow.get(workflowId);
    if (lane) lane.push(index);
    else byWorkflow.set(workflowId, [index]);
  });
  await forEachLane([...byWorkflow], limit, async ([workflowId, indexes], aborted) => {
    for (const index of indexes) {
      if (aborted()) return;
      const item = items[index] as RoutingSignal;
      progress.record(index, workflowId, item, await deliver(workflowId, item));
    }
  });
}

function resultOf(
  lastId: string | undefined,
  received: number,
  skipped: SkippedRoutingItem[],
  tally: DeliveryTally,
): PollRoutingFeedResult {
  const unexplained = skipped.filter((s): s is PolledUnexplained => s.class !== 'transport-level');
  return {
    ...tally,
    lastId,
    received,
    transportLevel: skipped.length - unexplained.length,
    unknownRouting: unexplained.filter((s) => s.class === 'unknown-routing').length,
    unreadable: unexplained.filter((s) => s.class === 'unreadable').length,
    unexplained: unexplained.slice(-UNEXPLAINED_LIST_LIMIT),
  };
}
