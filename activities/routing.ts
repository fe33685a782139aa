// Activities of the routing feed: fetch a page of Customs' feed, and deliver each item as a
// `routing` signal to the consignment it names. Delivery is at-least-once; consignments dedupe.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { DigitollApi } from '../src/digitoll/api';
import { consignmentWorkflowId } from '../src/shared';
import { routingSignal, type RoutingSignal } from '../workflows/messages';
import { mapCustomsErrors } from './errors';

export interface FetchRoutingPageInput {
  marker?: string;
}
export interface FetchRoutingPageResult {
  items: RoutingSignal[];
}
export interface DeliverRoutingInput {
  items: RoutingSignal[];
}
export interface UnmatchedRouting {
  workflowId: string;
  routingId: string;
}
export interface DeliverRoutingResult {
  delivered: number;
  unmatched: UnmatchedRouting[];
}

export function createRoutingActivities(deps: {
  digitoll: DigitollApi;
  client: Client;
  concurrency?: number;
}) {
  const concurrency = Math.max(1, deps.concurrency ?? 16);
  return {
    async fetchRoutingPage(input: FetchRoutingPageInput): Promise<FetchRoutingPageResult> {
      const items = await mapCustomsErrors(() => deps.digitoll.getRoutingPage(input.marker));
      return { items: items as unknown as RoutingSignal[] };
    },
    /** Items for one consignment go in feed order; different consignments in parallel (bounded). */
    async deliverRoutingSignals(input: DeliverRoutingInput): Promise<DeliverRoutingResult> {
      const unmatched: UnmatchedRouting[] = [];
      let delivered = 0;
      const byWorkflow = new Map<string, RoutingSignal[]>();
      for (const item of input.items) {
        const house = item.transportDocumentHouseLevel;
        const workflowId = consignmentWorkflowId(house.type, house.referenceNumber);
        byWorkflow.set(workflowId, [...(byWorkflow.get(workflowId) ?? []), item]);
      }
      await forEachBounded([...byWorkflow], concurrency, async ([workflowId, items]) => {
        const handle = deps.client.workflow.getHandle(workflowId);
        for (const item of items) {
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
    },
  };
}

export type RoutingActivities = ReturnType<typeof createRoutingActivities>;

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
