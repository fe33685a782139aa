// The routing feed: one list per organisation in publication order. Planned signals wait in
// `pending` until due and are numbered when published, so the feed order is the id order. Each
// item has a UUID (routingResult.id, as Customs sends it) and an internal sequence number that
// starts at the wall clock and survives in the state file, so a numeric marker from an earlier run
// still sorts below every new item.
import { randomUUID } from 'node:crypto';
import {
  type Malformation,
  type StoredItem,
  UNKNOWN_ROUTING,
  transportLevel,
  untrackedHouse,
} from './feed-items';
import type { Playground, PlaygroundRow } from './playground';
import { type HouseRef, type RoutingStep, keyOf } from './types';

export const PAGE_SIZE = 1000;

export interface SignalInput extends HouseRef {
  routing: string;
  routingControlLocation?: string;
  entrySummaryDeclarationMRN?: string;
  receptacleId?: string;
  documentIssueDate?: string;
  malform?: Malformation;
}

interface Pending {
  dueAt: number;
  order: number;
  signal: SignalInput;
  /** Scheduled by Customs' own presentation; an explicit arrival replaces it. */
  auto?: boolean;
}

export interface FeedState {
  items: StoredItem[];
  pending: Pending[];
  nextSeq: number;
  plans: Record<string, RoutingStep[]>;
}

export class RoutingFeed {
  private items: StoredItem[] = [];
  private pending: Pending[] = [];
  private order = 0;
  private plans = new Map<string, RoutingStep[]>();
  private houseItemsSinceExtra = 0;
  /** After this many house items, one transport-level and one untracked item (0: never). */
  extraEvery = 0;
  /** Called for every published item (marks tracked houses as presented). */
  onPublish: (item: StoredItem) => void = () => undefined;

  constructor(
    private readonly playground: Playground,
    private readonly initialPlans: Record<string, RoutingStep[]> = {},
    private nextSeq: number = Date.now(),
  ) {
    this.plans = new Map(Object.entries(initialPlans));
  }

  setPlan(ref: HouseRef, steps: RoutingStep[]): void {
    this.plans.set(keyOf(ref), steps);
  }

  playgroundRows(match: (row: PlaygroundRow) => boolean): PlaygroundRow[] {
    return this.playground.ics2Presentation.filter(match);
  }

  private rowOf(ref: HouseRef): PlaygroundRow | undefined {
    return this.playgroundRows(
      (r) => r.houseDocumentNumber === ref.documentNumber && r.houseDocumentType === ref.type,
    )[0];
  }

  /** Explicit plan, else the playground's published routing, else TO_ENTRY at once. */
  planFor(ref: HouseRef): RoutingStep[] {
    return this.plans.get(keyOf(ref)) ?? [{ routing: this.rowOf(ref)?.routing ?? 'TO_ENTRY' }];
  }

  /** An arrival or explicit presentation: the plan starts now and replaces an automatic one. */
  arrive(ref: HouseRef, now: number, documentIssueDate?: string): number {
    this.pending = this.pending.filter((p) => !(p.auto && keyOf(p.signal) === keyOf(ref)));
    return this.schedule(ref, now, false, documentIssueDate);
  }

  /** Customs' own presentation at the border: the plan starts at `at`. */
  autoPresent(ref: HouseRef, at: number, documentIssueDate?: string): number {
    return this.schedule(ref, at, true, documentIssueDate);
  }

  /** Drops what is still planned for a house (it was cancelled). */
  cancel(ref: HouseRef): void {
    this.pending = this.pending.filter((p) => keyOf(p.signal) !== keyOf(ref));
  }

  private schedule(ref: HouseRef, from: number, auto: boolean, documentIssueDate?: string): number {
    const row = this.rowOf(ref);
    const steps = this.planFor(ref);
    for (const step of steps) {
      const signal: SignalInput = {
        ...ref,
        routing: step.routing,
        routingControlLocation: step.routingControlLocation,
        entrySummaryDeclarationMRN: row?.entrySummaryDeclarationMRN,
        receptacleId: row?.receptacleId ?? undefined,
        documentIssueDate,
      };
      this.pending.push({ dueAt: from + (step.afterMs ?? 0), order: this.order++, signal, auto });
    }
    return steps.length;
  }

  /** Publishes signals at once, in the given order, after the planned ones already due. */
  inject(signals: SignalInput[], now: number): StoredItem[] {
    this.flush(now);
    return signals.map((signal) => this.publish(signal, now));
  }

  private publish(signal: SignalInput, now: number): StoredItem {
    const { documentNumber, type, malform, ...rest } = signal;
    const item: StoredItem = {
      ...rest,
      seq: this.nextSeq++,
      id: randomUUID(),
      house: { documentNumber, type },
      malform,
    };
    if (malform === 'unknown-routing') item.routing = UNKNOWN_ROUTING;
    if (malform === 'untracked') item.house = untrackedHouse();
    if (malform === 'transport-level') Object.assign(item, transportLevel(now));
    this.items.push(item);
    this.onPublish(item);
    if (item.house && !malform) this.countHouseItem(now);
    return item;
  }

  private countHouseItem(now: number): void {
    if (this.extraEvery <= 0 || ++this.houseItemsSinceExtra < this.extraEvery) return;
    this.houseItemsSinceExtra = 0;
    this.publish({ documentNumber: '', type: '', routing: 'TO_ENTRY', malform: 'transport-level' }, now);
    this.publish({ documentNumber: '', type: '', routing: 'TO_ENTRY', malform: 'untracked' }, now);
  }

  private flush(now: number): void {
    const due = this.pending
      .filter((p) => p.dueAt <= now)
      .sort((a, b) => a.dueAt - b.dueAt || a.order - b.order);
    if (due.length === 0) return;
    this.pending = this.pending.filter((p) => p.dueAt > now);
    for (const p of due) this.publish(p.signal, now);
  }

  /**
   * Up to 1000 items after the marker: after the item whose id (UUID or sequence) equals it; a
   * numeric marker the twin never issued counts as a sequence number; any other unknown marker
   * reads from the start (README: why not 400).
   */
  page(marker: string | undefined, now: number): StoredItem[] {
    this.flush(now);
    return this.items.slice(this.startAfter(marker)).slice(0, PAGE_SIZE);
  }

  private startAfter(marker: string | undefined): number {
    if (marker === undefined || marker === '') return 0;
    const index = this.items.findIndex((i) => i.id === marker || String(i.seq) === marker);
    if (index >= 0) return index + 1;
    if (!/^\d+$/.test(marker)) return 0;
    const next = this.items.findIndex((i) => i.seq > Number(marker));
    return next < 0 ? this.items.length : next;
  }

  snapshot(now: number) {
    this.flush(now);
    return {
      published: this.items.length,
      pending: this.pending.length,
      lastId: this.nextSeq - 1,
      lastRoutingId: this.items.at(-1)?.id,
    };
  }

  toState(): FeedState {
    return {
      items: this.items,
      pending: this.pending,
      nextSeq: this.nextSeq,
      plans: Object.fromEntries(this.plans),
    };
  }

  load(state: FeedState): void {
    this.items = state.items;
    this.pending = state.pending;
    this.nextSeq = Math.max(this.nextSeq, state.nextSeq);
    this.plans = new Map(Object.entries(state.plans));
    this.order = this.pending.reduce((max, p) => Math.max(max, p.order + 1), 0);
  }

  /** Forgets items and plans; the sequence keeps increasing so a client's stored marker stays valid. */
  clear(): void {
    this.items = [];
    this.pending = [];
    this.houseItemsSinceExtra = 0;
    this.plans = new Map(Object.entries(this.initialPlans));
  }
}
