// The consignment's state as operators see it: the status query, the search attributes and the
// current details are all derived from here, and every phase change goes through setPhase().
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import {
  CancellationScope,
  condition,
  patched,
  setCurrentDetails,
  sleep,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { SEARCH_ATTRIBUTE_KEYS as SA, TERMINAL_PHASES, type Phase } from '../../src/shared';
import {
  DEFAULT_TIMINGS,
  PATCHES,
  STATUS_MEMO_KEY,
  type ArrivalNotice,
  type ConsignmentStatusSummary,
  type ConsignmentDocument,
  type ConsignmentInput,
  type ConsignmentResult,
  type ConsignmentStatus,
  type ConsignmentTimings,
  type LeanStatusSummary,
} from './messages';
import { workflowNow, workflowNowMs } from '../notification/clock';
import { describeNextStep } from './details';
import { houseOffer } from '../notification/webhook-offers';
import { WebhookOutbox } from '../notification/webhooks';

/** Phases a house passes through on its way to the next (see ConsignmentState.passingThrough). */
const PASS_THROUGH_PHASES: ReadonlySet<Phase> = new Set<Phase>(['AWAITING_VALIDATION', 'PRESENTING']);

/** The standing reason of a house whose MRN was lost; what needs it is added in brackets. */
export const MRN_LOST =
  'Customs holds this house but its MRN was lost: supply it with provideMrn (from the Digitoll portal or Customs support)';

/** The business key of a house consignment document, or undefined when the document lacks it. */
export function houseKeyOf(doc: unknown): { documentNumber: string; type: string } | undefined {
  const house = (doc as { consignmentHouseLevel?: { transportDocumentHouseLevel?: unknown } } | null)
    ?.consignmentHouseLevel?.transportDocumentHouseLevel as
    { documentNumber?: unknown; type?: unknown } | undefined;
  if (typeof house?.documentNumber !== 'string' || typeof house.type !== 'string') return undefined;
  return { documentNumber: house.documentNumber, type: house.type };
}

/** A wait passed Customs' own limit: the consignment ends EXPIRED (still flagged for a person). */
export class Expired extends Error {
  override readonly name = 'Expired';
  readonly code = 'EXPIRED';
}

export class ConsignmentState {
  readonly status: ConsignmentStatus;
  readonly timings: ConsignmentTimings;
  document: ConsignmentDocument;
  pendingCorrection?: { document: ConsignmentDocument; reason: string };
  retryRequested = false;
  arrival?: ArrivalNotice;
  /** Bumped by every arrival notice, so a refused presentation wakes on a corrected office. */
  arrivalVersion = 0;
  cancelRequest?: { reason: string };
  /**
   * Whether a POST may have reached Customs (it returned, or failed otherwise than with a 400):
   * a cancel must then find out whether a house exists.
   */
  submitted = false;
  /** A cancel asks a person for the MRN of a house Customs may hold (provideMrn is accepted). */
  mrnWanted = false;
  /** The last POST failed without an answer: the next one asks Customs by key first. */
  ambiguousPost = false;
  /** The requestId of the latest send, set only from its own answer (undefined while one is in flight). */
  submissionRequestId?: string;
  /** While set, a park waiting for `retry` also ends when this turns true (see ParkInterrupted). */
  parkInterrupt?: () => boolean;
  /** Bumped by every new routing signal, so the routing loop wakes on change only. */
  routingVersion = 0;
  /** While the routing loop waits (it then publishes what a routing signal changed). */
  routingAwaited = false;
  readonly seenRoutingIds = new Set<string>();

  /**
   * Started with the lean-history patch (asked once, before any command): every earlier patch
   * applies without a marker, and the run writes fewer events (see PATCHES.leanHistory).
   */
  readonly lean: boolean;

  /**
   * Started with the settled-attributes patch (asked first; such a run is lean too, with one marker):
   * phases passed through are not written to Temporal's index (see publishLean).
   */
  readonly settledOnly: boolean;

  /**
   * Started with the rest-indexed patch (asked first; such a run is settled too, with one marker):
   * Temporal's index is written only in the phases the run rests in (see passingThrough).
   */
  readonly restOnly: boolean;

  constructor(readonly input: ConsignmentInput) {
    this.restOnly = patched(PATCHES.restIndexed);
    this.settledOnly = this.restOnly || patched(PATCHES.settledAttributes);
    this.lean = this.settledOnly || patched(PATCHES.leanHistory);
    const key = houseKeyOf(input.consignment) ?? { documentNumber: '', type: '' };
    this.document = input.consignment;
    this.timings = { ...DEFAULT_TIMINGS, ...input.timings };
    this.status = {
      workflowId: workflowInfo().workflowId,
      documentNumber: key.documentNumber,
      type: key.type,
      mode: input.mode,
      erpReference: input.erpReference,
      phase: 'SUBMITTING',
      revision: 1,
      validationErrors: [],
      incompleteReasons: [],
      routingHistory: [],
      timeline: [],
      needsAttention: false,
      rejectedMessages: [],
    };
  }

  /** Whether `patch` applies to this run: always in a lean run, else as its marker says. */
  applies(patch: string): boolean {
    return this.lean || patched(patch);
  }

  get phase(): Phase {
    return this.status.phase;
  }

  setPhase(phase: Phase): void {
    this.status.phase = phase;
    this.status.timeline.push({ phase, at: workflowNow() });
    // At an end nothing needs the lost MRN any more: it stays recorded in mrnUnknown.
    if (TERMINAL_PHASES.has(phase) && this.status.needsAttentionReason === MRN_LOST) {
      this.status.needsAttention = false;
      this.status.needsAttentionReason = undefined;
    }
    this.publish();
  }

  /** Ends the consignment EXPIRED; it keeps NeedsAttention so the filter still finds it. */
  expire(reason: string): void {
    this.status.needsAttention = true;
    this.status.needsAttentionReason = reason;
    this.setPhase('EXPIRED');
  }

  /**
   * Waits for `ready`, at most `expireAfter` when the bounded-waits patch applies (histories from
   * before it waited without a timer); past it the consignment expires with `why`.
   */
  async waitOrExpire(ready: () => boolean, why: string, summary: string): Promise<void> {
    if (!this.applies(PATCHES.boundedWaits)) return condition(ready);
    const came = this.lean
      ? await this.waitOnSharedExpiry(ready)
      : await condition(ready, this.timings.expireAfter, { summary });
    if (!came)
      throw new Expired(
        `${why} within ${String(this.timings.expireAfter)}: Customs drops unlinked notifications 30 days after their last update`,
      );
  }

  /** When the shared expiry timer fires (undefined while none runs), and how often it fired. */
  private expiryAt?: number;
  private expiryFired = 0;

  /**
   * A lean run's bounded wait: instead of a timer started and cancelled per wait, one timer runs
   * until it fires (never cancelled, so a cancel of the lifecycle leaves it too); a wait that
   * outlives it arms the next one for what is left of its own limit. Answers whether `ready` came.
   */
  private async waitOnSharedExpiry(ready: () => boolean): Promise<boolean> {
    const deadline = workflowNowMs() + msToNumber(this.timings.expireAfter);
    for (;;) {
      if (ready()) return true;
      const left = deadline - workflowNowMs();
      if (left <= 0) return false;
      if (this.expiryAt === undefined || this.expiryAt > deadline) this.armExpiry(left);
      const fired = this.expiryFired;
      await condition(() => ready() || this.expiryFired !== fired);
    }
  }

  private armExpiry(ms: number): void {
    const at = workflowNowMs() + ms;
    this.expiryAt = at;
    void CancellationScope.nonCancellable(() =>
      sleep(ms, {
        summary: `Expire unless arrival or routing comes (${String(this.timings.expireAfter)} limit)`,
      }),
    ).then(() => {
      if (this.expiryAt === at) this.expiryAt = undefined;
      this.expiryFired += 1;
    });
  }

  /** Customs holds the house, its MRN is unknown, and the consignment is still running. */
  mrnLost(): boolean {
    return this.status.mrnUnknown === true && !this.status.mrn && !TERMINAL_PHASES.has(this.phase);
  }

  /** Records that Customs holds the house though no answer gave its MRN; asks for it. */
  markMrnUnknown(): void {
    this.status.mrnUnknown = true;
    this.status.validationErrors = [];
    this.park(MRN_LOST);
  }

  /** Stops and asks a person (or the ERP) to act; the workflow keeps running. */
  park(reason: string): void {
    this.status.needsAttention = true;
    this.status.needsAttentionReason = reason;
    this.publish();
  }

  clearAttention(): void {
    // A lost MRN stays visible until someone supplies it, whatever else was resolved.
    if (this.mrnLost()) {
      if (this.status.needsAttentionReason !== MRN_LOST) this.park(MRN_LOST);
      return;
    }
    if (!this.status.needsAttention) return;
    this.status.needsAttention = false;
    this.status.needsAttentionReason = undefined;
    this.publish();
  }

  /** A cancel accepted in the same activation as a routing that ended the consignment first. */
  cancelOvertaken(): void {
    if (!this.cancelRequest || this.phase === 'CANCELLED') return;
    this.refuseCancel(`already ${this.phase}`);
  }

  /** Records why an accepted cancel did not take effect; the consignment goes on. */
  refuseCancel(why: string): void {
    if (!this.cancelRequest) return;
    this.status.cancelReason = undefined;
    this.rejectMessage('cancel', `cancel refused: ${why} (${this.cancelRequest.reason})`);
  }

  rejectMessage(message: string, reason: string): void {
    this.status.rejectedMessages.push({ message, reason, at: workflowNow() });
    // Bounded: a misbehaving sender must not grow the state without limit.
    if (this.status.rejectedMessages.length > 50) this.status.rejectedMessages.shift();
  }

  /** Search attributes and current details, kept in step with the status. */
  publish(): void {
    if (this.lean) return this.publishLean();
    upsertSearchAttributes(this.searchAttributes());
    const details = describeNextStep(this.status);
    setCurrentDetails(details);
    this.publishSummary(details);
    this.webhooks?.offer(houseOffer(this.status, details));
  }

  /**
   * Makes several changes that belong together (a phase and its park, a routing and its phase);
   * a lean run publishes them once, at the end. Other runs publish each as before.
   */
  together(change: () => void): void {
    this.batchDepth += 1;
    try {
      change();
    } finally {
      this.batchDepth -= 1;
      if (this.batchDepth === 0 && this.batchDirty) {
        this.batchDirty = false;
        this.publish();
      }
    }
  }

  private batchDepth = 0;
  private batchDirty = false;

  private searchAttributes(): SearchAttributeUpdatePair[] {
    const s = this.status;
    return [
      { key: SA.phase, value: s.phase },
      { key: SA.mrn, value: s.mrn ?? null },
      { key: SA.documentNumber, value: s.documentNumber || null },
      { key: SA.routing, value: s.routing?.routing ?? null },
      { key: SA.erpReference, value: s.erpReference ?? null },
      { key: SA.needsAttention, value: s.needsAttention },
    ] as SearchAttributeUpdatePair[];
  }

  /** The search attribute values Temporal holds for this run (from the start, then as sent). */
  private sentAttributes?: Map<string, unknown>;

  /**
   * A lean run's publish: the ERP's webhook hears of every change, while the search attributes
   * (only the keys that changed, with DigitollUpdatedAt) and the memo (only what the search
   * attributes do not say, and only when it changed) are written once per group of changes (see
   * together()).
   */
  private publishLean(): void {
    if (this.webhooks) this.webhooks.offer(houseOffer(this.status, describeNextStep(this.status)));
    if (this.batchDepth > 0) {
      this.batchDirty = true;
      return;
    }
    const sent = (this.sentAttributes ??= startAttributes());
    const changed = this.searchAttributes().filter(
      (pair) => (sent.get(pair.key.name) ?? null) !== pair.value,
    );
    if (this.passingThrough(changed)) {
      setCurrentDetails(describeNextStep(this.status));
      return;
    }
    const summarised = this.publishLeanSummary();
    if (changed.length > 0 || summarised) {
      upsertSearchAttributes([...changed, { key: SA.updatedAt, value: new Date(workflowNowMs()) }]);
      for (const pair of changed) sent.set(pair.key.name, pair.value);
    }
    setCurrentDetails(describeNextStep(this.status));
  }

  /**
   * Whether a settled-attributes run leaves Temporal's index as it is for now: the phase is one
   * the run passes through (its next step follows without waiting on a person or a park), and the
   * phase is all that changed. Each write is a history event and a visibility update; the index then
   * shows the phase the run last rested in until the next one, while the status query, the current
   * details and the webhook have every phase. A change of needs-attention, MRN or routing is
   * written at once, with the phase it comes in.
   * A rest-indexed run also passes through REGISTERED when the goods already reached the border
   * (arrival or routing recorded: it goes on at once), and only a change of needs-attention is
   * written at once; a new MRN or routing waits for the phase the run next rests in.
   */
  private passingThrough(changed: SearchAttributeUpdatePair[]): boolean {
    if (!this.settledOnly) return false;
    if (this.restOnly) {
      const onItsWay =
        PASS_THROUGH_PHASES.has(this.status.phase) ||
        (this.status.phase === 'REGISTERED' && (this.arrival !== undefined || this.routingVersion > 0));
      return onItsWay && changed.every((pair) => pair.key.name !== SA.needsAttention.name);
    }
    return (
      PASS_THROUGH_PHASES.has(this.status.phase) && changed.every((pair) => pair.key.name === SA.phase.name)
    );
  }

  /**
   * A lean run's memo: the summary without what the search attributes carry (phase, MRN,
   * needsAttention, the time) or what a reader derives (nextStep); a status read puts them back
   * (src/client/status.ts). A rest-indexed run leaves out the submission's requestId once the MRN
   * is known (the MRN names the house from then on; the status query keeps both). Answers whether
   * it was written.
   */
  private publishLeanSummary(): boolean {
    const { phase: _phase, mrn, needsAttention: _attention, ...rest } = this.summaryBase();
    const { requestId: _request, ...registered } = rest;
    const summary: LeanStatusSummary = this.restOnly && mrn ? registered : rest;
    const text = canonicalJson(summary);
    this.lastSummary ??= startSummary();
    if (text === this.lastSummary) return false;
    this.lastSummary = text;
    upsertMemo({ [STATUS_MEMO_KEY]: summary });
    return true;
  }

  /** The ERP's webhook outbox, when the consignment has a callback URL (behind the webhooks patch). */
  webhooks?: WebhookOutbox;

  /** Opens the outbox when a callback URL is set; the caller runs its delivery loop. */
  openWebhooks(): WebhookOutbox | undefined {
    const url = this.input.webhook?.url;
    if (!url || !this.applies(PATCHES.webhooks)) return undefined;
    this.webhooks = new WebhookOutbox(url, this.timings, (patch) => this.applies(patch));
    this.status.webhooks = this.webhooks.status;
    return this.webhooks;
  }

  private lastSummary?: string;

  /** What a memo summary holds of the status: not the long lists, at most ten validation errors. */
  private summaryBase() {
    const {
      routingHistory: _h,
      timeline: _t,
      rejectedMessages: _r,
      presentationRequestId: _p,
      webhooks,
      ...rest
    } = this.status;
    return {
      ...rest,
      ...(webhooks?.failed.length ? { webhookFailures: webhooks.failed.length } : {}),
      validationErrors: rest.validationErrors.slice(0, 10),
    };
  }

  /** The memo a status read uses; written only when it changed (each write is a history event). */
  private publishSummary(nextStep: string): void {
    if (!this.applies(PATCHES.statusMemo)) return;
    const summary: Omit<ConsignmentStatusSummary, 'updatedAt'> = { ...this.summaryBase(), nextStep };
    const text = JSON.stringify(summary);
    if (text === this.lastSummary) return;
    this.lastSummary = text;
    upsertMemo({ [STATUS_MEMO_KEY]: { ...summary, updatedAt: workflowNow() } });
  }

  snapshot(): ConsignmentStatus {
    return structuredCloneStatus(this.status);
  }

  result(): ConsignmentResult {
    const s = this.status;
    return {
      phase: s.phase,
      mrn: s.mrn,
      revision: s.revision,
      routing: s.routing,
      cancelReason: s.cancelReason,
    };
  }
}

/** JSON with keys in order, so two summaries built in different orders compare equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * The part of the start's memo a lean run keeps (see publishLeanSummary), canonical: a first change
 * that would write the same is not written. Empty when the start put none.
 */
function startSummary(): string {
  const memo = workflowInfo().memo?.[STATUS_MEMO_KEY];
  if (memo === null || typeof memo !== 'object') return '';
  const {
    updatedAt: _at,
    nextStep: _next,
    phase: _phase,
    mrn: _mrn,
    needsAttention: _attention,
    ...kept
  } = memo as Record<string, unknown>;
  return canonicalJson(kept);
}

/** The values of the project's search attributes the run was started with (null when unset). */
function startAttributes(): Map<string, unknown> {
  const typed = workflowInfo().typedSearchAttributes;
  return new Map(Object.values(SA).map((key) => [key.name, typed.get(key) ?? null]));
}

function structuredCloneStatus(status: ConsignmentStatus): ConsignmentStatus {
  return JSON.parse(JSON.stringify(status)) as ConsignmentStatus;
}
