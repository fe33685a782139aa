// The routing feed's one activity: read a page of Customs' feed after the marker and deliver each
// readable item as a `routing` signal to the consignment it names. Only counts and bounded lists
// go back to the workflow, so a page of 1000 items never lands in the feed's history. Delivery is
// at-least-once (a retried attempt signals again; consignments dedupe by routingResult.id).
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { DigitollApi } from '../src/digitoll/api';
import type { MalformedRoutingItem } from '../src/digitoll/routing-page';
import { consignmentWorkflowId } from '../src/shared';
import { routingSignal, type RoutingSignal } from '../workflows/messages';
import { MALFORMED_LIST_LIMIT, UNMATCHED_LIST_LIMIT } from '../workflows/routing-feed-messages';
import { UnexpectedResponse } from '../src/digitoll/errors';
import { mapCustomsErrors, toApplicationFailure } from './errors';

export interface PollRoutingFeedInput {
  marker?: string;
}
export interface UnmatchedRouting {
  workflowId: string;
  routingId: string;
}
export interface PollRoutingFeedResult {
  /** routingResult.id of the page's last raw item: the next marker; absent when there is none. */
  lastId?: string;
  /** Items on the page, readable or not. */
  received: number;
  delivered: number;
  unmatchedCount: number;
  /** The last UNMATCHED_LIST_LIMIT items for consignments this system does not track. */
  unmatched: UnmatchedRouting[];
  malformedCount: number;
  /** The last MALFORMED_LIST_LIMIT items that could not be read. */
  malformed: MalformedRoutingItem[];
}

export function createRoutingActivities(deps: {
  digitoll: DigitollApi;
  client: Client;
  concurrency?: number;
}) {
  const concurrency = Math.max(1, deps.concurrency ?? 16);
  return {
    async pollRoutingFeed(input: PollRoutingFeedInput): Promise<PollRoutingFeedResult> {
      const page = await mapCustomsErrors(() => deps.digitoll.readRoutingPage(input.marker));
      if (page.size > 0 && page.lastId === undefined) {
        // Nothing to move the marker past: reading again would only repeat this page.
        throw toApplicationFailure(
          new UnexpectedResponse('GET routing page', 200, [
            { path: '[].routingResult.id', message: `none of the ${page.size} items carries an id` },
          ]),
        );
      }
      const { delivered, unmatched } = await deliver(deps.client, page.items, concurrency);
      return {
        lastId: page.lastId,
        received: page.size,
        delivered,
        unmatchedCount: unmatched.length,
        unmatched: unmatched.slice(-UNMATCHED_LIST_LIMIT),
        malformedCount: page.malformed.length,
        malformed: page.malformed.slice(-MALFORMED_LIST_LIMIT),
      };
    },
  };
}

export type RoutingActivities = ReturnType<typeof createRoutingActivities>;

/**
 * Items of one consignment go one after the other in feed order (the consignment applies them in
 * arrival order and the latest wins); different consignments go in parallel, at most `limit` at once.
 */
async function deliver(
  client: Client,
  items: RoutingSignal[],
  limit: number,
): Promise<{ delivered: number; unmatched: UnmatchedRouting[] }> {
  const unmatched: UnmatchedRouting[] = [];
  let delivered = 0;
  const byWorkflow = new Map<string, RoutingSignal[]>();
  for (const item of items) {
    const house = item.transportDocumentHouseLevel;
    const workflowId = consignmentWorkflowId(house.type, house.referenceNumber);
    const queue = byWorkflow.get(workflowId);
    if (queue) queue.push(item);
    else byWorkflow.set(workflowId, [item]);
  }
  await forEachBounded([...byWorkflow], limit, async ([workflowId, queue]) => {
    const handle = client.workflow.getHandle(workflowId);
    for (const item of queue) {
      try {
        await handle.signal(routingSignal, item);
        delivered += 1;
      } catch (error) {
        // A consignment this system does not track (or no longer runs) is counted, not retried.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        unmatched.push({ workflowId, routingId: item.routingResult.id });
      }
    }
  });
  return { delivered, unmatched };
}

async function forEachBounded<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
