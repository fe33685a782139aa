// The routing feed: one list per organisation, ordered by a monotonically increasing
// routingResult.id. Planned signals wait in `pending` until due and get their id when published,
// so ids always follow feed order. Ids start from the wall clock at construction, not from 1: a
// client keeps its marker across an emulator restart (the routing-feed workflow stores it in
// Temporal), and only ids above that marker are ever delivered to it.
import type { Playground, PlaygroundRow } from './playground';
import { type HouseRef, type Routing, type RoutingControlLocation, type RoutingStep, keyOf } from './types';

export const PAGE_SIZE = 1000;

export interface FeedItem {
  transportDocumentHouseLevel: { referenceNumber: string; type: string };
  entrySummaryDeclarationMRN?: string;
  receptacleId?: string;
  routingResult: { id: number; routing: Routing; documentIssueDate?: string };
  routingControlLocation?: RoutingControlLocation;
}

/** Ways an injected item can be broken: a routing value not in the code list, no document type. */
export const MALFORMATIONS = ['unknown-routing', 'missing-type'] as const;
export type Malformation = (typeof MALFORMATIONS)[number];

export interface SignalInput extends HouseRef {
  routing: Routing;
  routingControlLocation?: RoutingControlLocation;
  entrySummaryDeclarationMRN?: string;
  receptacleId?: string;
  documentIssueDate?: string;
  malform?: Malformation;
}

interface Pending {
  dueAt: number;
  seq: number;
  signal: SignalInput;
}

export class RoutingFeed {
  private items: FeedItem[] = [];
  private pending: Pending[] = [];
  private nextId: number;
  private seq = 0;
  private plans = new Map<string, RoutingStep[]>();

  /**
   * `firstId` defaults to Date.now(): above every id an earlier instance handed out, as long as it
   * published fewer signals than milliseconds passed between the two starts. Ids stay consecutive.
   */
  constructor(
    private readonly playground: Playground,
    private readonly initialPlans: Record<string, RoutingStep[]> = {},
    firstId: number = Date.now(),
  ) {
    this.nextId = firstId;
    this.restorePlans();
  }

  private restorePlans(): void {
    this.plans = new Map(Object.entries(this.initialPlans));
  }

  setPlan(ref: HouseRef, steps: RoutingStep[]): void {
    this.plans.set(keyOf(ref), steps);
  }

  playgroundRows(match: (row: PlaygroundRow) => boolean): PlaygroundRow[] {
    return this.playground.ics2Presentation.filter(match);
  }

  /** Explicit plan, else the playground's published routing, else TO_ENTRY at once. */
  planFor(ref: HouseRef): RoutingStep[] {
    const explicit = this.plans.get(keyOf(ref));
    if (explicit) return explicit;
    const row = this.rowOf(ref);
    return [{ routing: row?.routing ?? 'TO_ENTRY' }];
  }

  private rowOf(ref: HouseRef): PlaygroundRow | undefined {
    return this.playground.ics2Presentation.find(
      (r) => r.houseDocumentNumber === ref.documentNumber && r.houseDocumentType === ref.type,
    );
  }

  /** Schedules the house's plan from `now` (an arrival or a presentation); returns the count. */
  arrive(ref: HouseRef, now: number): number {
    const row = this.rowOf(ref);
    const steps = this.planFor(ref);
    for (const step of steps) {
      this.pending.push({
        dueAt: now + (step.afterMs ?? 0),
        seq: this.seq++,
        signal: {
          ...ref,
          routing: step.routing,
          routingControlLocation: step.routingControlLocation,
          entrySummaryDeclarationMRN: row?.entrySummaryDeclarationMRN,
          receptacleId: row?.receptacleId ?? undefined,
        },
      });
    }
    return steps.length;
  }

  /** Publishes signals at once, in the given order, after the planned ones already due. */
  inject(signals: SignalInput[], now: number): FeedItem[] {
    this.flush(now);
    return signals.map((signal) => this.publish(signal));
  }

  private publish(signal: SignalInput): FeedItem {
    const item: FeedItem = {
      transportDocumentHouseLevel: { referenceNumber: signal.documentNumber, type: signal.type },
      routingResult: {
        id: this.nextId++,
        routing: signal.routing,
        documentIssueDate: signal.documentIssueDate,
      },
    };
    if (signal.entrySummaryDeclarationMRN)
      item.entrySummaryDeclarationMRN = signal.entrySummaryDeclarationMRN;
    if (signal.receptacleId) item.receptacleId = signal.receptacleId;
    if (signal.routingControlLocation) item.routingControlLocation = signal.routingControlLocation;
    if (signal.malform) malform(item, signal.malform);
    this.items.push(item);
    return item;
  }

  private flush(now: number): void {
    const due = this.pending.filter((p) => p.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
    if (due.length === 0) return;
    this.pending = this.pending.filter((p) => p.dueAt > now);
    for (const p of due) this.publish(p.signal);
  }

  /** Up to 1000 items with an id greater than the marker (all from the start without one). */
  page(marker: number | undefined, now: number): FeedItem[] {
    this.flush(now);
    const start = marker === undefined ? 0 : this.items.findIndex((i) => i.routingResult.id > marker);
    if (start < 0) return [];
    return this.items.slice(start, start + PAGE_SIZE);
  }

  snapshot(now: number): { published: number; pending: number; lastId: number } {
    this.flush(now);
    return { published: this.items.length, pending: this.pending.length, lastId: this.nextId - 1 };
  }

  /** Forgets items and plans; ids keep increasing so a client's stored marker stays valid. */
  clear(): void {
    this.items = [];
    this.pending = [];
    this.restorePlans();
  }
}

function malform(item: FeedItem, how: Malformation): void {
  const raw = item as unknown as {
    routingResult: Record<string, unknown>;
    transportDocumentHouseLevel: Record<string, unknown>;
  };
  if (how === 'unknown-routing') raw.routingResult.routing = 'TO_SOMEWHERE_NEW';
  else delete raw.transportDocumentHouseLevel.type;
}
