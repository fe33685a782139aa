// Delivery progress of one page, as the poll activity heartbeats it. Items finish out of order
// (lanes run in parallel), so the progress is the longest finished prefix of the page's house
// items plus the tally of that prefix: a retried attempt of the same page skips the prefix and
// still reports every item once.
import { z } from 'zod';
import type { RoutingSignal } from '../workflows/consignment/messages';
import { UNDELIVERABLE_LIST_LIMIT, UNMATCHED_LIST_LIMIT } from '../workflows/routing-feed/messages';
import type { DeliveryOutcome } from './routing-delivery';

export interface UnmatchedRouting {
  workflowId: string;
  routingId: string;
}

export interface UndeliverableRouting {
  workflowId: string;
  routingId: string;
  routing: string;
  reason: string;
}

/** What happened to the finished prefix of a page's house items. */
export interface DeliveryTally {
  delivered: number;
  unmatchedCount: number;
  /** The last UNMATCHED_LIST_LIMIT items for consignments this system does not track. */
  unmatched: UnmatchedRouting[];
  alreadyFinal: number;
  undeliverableCount: number;
  /** The last UNDELIVERABLE_LIST_LIMIT items Temporal would not take. */
  undeliverable: UndeliverableRouting[];
}

/** Heartbeat details of the poll activity. */
export interface PollProgress {
  marker?: string;
  /** routingResult.id of the page's first house item: the same marker may bring a longer page. */
  firstId?: string;
  /** Index (among the page's house items) of the last item of the finished prefix; -1: none. */
  doneThrough: number;
  tally: DeliveryTally;
}

const emptyTally = (): DeliveryTally => ({
  delivered: 0,
  unmatchedCount: 0,
  unmatched: [],
  alreadyFinal: 0,
  undeliverableCount: 0,
  undeliverable: [],
});

const progressSchema = z.object({
  marker: z.string().optional(),
  firstId: z.string().optional(),
  doneThrough: z.number().int().min(-1),
  tally: z.object({
    delivered: z.number().int(),
    unmatchedCount: z.number().int(),
    unmatched: z.array(z.object({ workflowId: z.string(), routingId: z.string() })),
    alreadyFinal: z.number().int(),
    undeliverableCount: z.number().int(),
    undeliverable: z.array(
      z.object({ workflowId: z.string(), routingId: z.string(), routing: z.string(), reason: z.string() }),
    ),
  }),
});

/** The progress a previous attempt recorded for this very page, if any. */
export function resumePoint(details: unknown, marker?: string, firstId?: string): PollProgress | undefined {
  const parsed = progressSchema.safeParse(details);
  if (!parsed.success) return undefined;
  const p = parsed.data;
  return p.marker === marker && p.firstId === firstId && firstId !== undefined ? p : undefined;
}

export class DeliveryProgress {
  private readonly finished = new Map<
    number,
    { workflowId: string; item: RoutingSignal; outcome: DeliveryOutcome }
  >();
  doneThrough: number;
  readonly tally: DeliveryTally;

  constructor(resume?: PollProgress) {
    this.doneThrough = resume?.doneThrough ?? -1;
    this.tally = resume?.tally ?? emptyTally();
  }

  /** Items up to doneThrough were finished by an earlier attempt. */
  isDone(index: number): boolean {
    return index <= this.doneThrough;
  }

  record(index: number, workflowId: string, item: RoutingSignal, outcome: DeliveryOutcome): void {
    this.finished.set(index, { workflowId, item, outcome });
    for (
      let next = this.finished.get(this.doneThrough + 1);
      next;
      next = this.finished.get(this.doneThrough + 1)
    ) {
      this.finished.delete(this.doneThrough + 1);
      this.doneThrough += 1;
      fold(this.tally, next.workflowId, next.item, next.outcome);
    }
  }

  snapshot(marker?: string, firstId?: string): PollProgress {
    return { marker, firstId, doneThrough: this.doneThrough, tally: this.tally };
  }
}

function fold(tally: DeliveryTally, workflowId: string, item: RoutingSignal, outcome: DeliveryOutcome): void {
  const routingId = item.routingResult.id;
  switch (outcome.kind) {
    case 'delivered':
      tally.delivered += 1;
      return;
    case 'already-final':
      tally.alreadyFinal += 1;
      return;
    case 'untracked':
      tally.unmatchedCount += 1;
      tally.unmatched = [...tally.unmatched, { workflowId, routingId }].slice(-UNMATCHED_LIST_LIMIT);
      return;
    case 'undeliverable': {
      const entry = { workflowId, routingId, routing: item.routingResult.routing, reason: outcome.reason };
      tally.undeliverableCount += 1;
      tally.undeliverable = [...tally.undeliverable, entry].slice(-UNDELIVERABLE_LIST_LIMIT);
      return;
    }
  }
}
