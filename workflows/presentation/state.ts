// The presentation's state as operators see it: the status query, the search attributes and the
// current details all come from here, and every phase change goes through setPhase().
import { setCurrentDetails, upsertMemo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { SEARCH_ATTRIBUTE_KEYS as SA } from '../../src/shared';
import { workflowNow } from '../notification/clock';
import { presentationOffer } from '../notification/webhook-offers';
import type { WebhookOutbox } from '../notification/webhooks';
import {
  DEFAULT_PRESENTATION_TIMINGS,
  PRESENTATION_MEMO_KEY,
  type PresentationInput,
  type PresentationSummary,
  type PresentationPhase,
  type PresentationStatus,
  type PresentationTimings,
} from './messages';

/** How many timeline entries are kept (a presentation retried for weeks must not grow without end). */
const TIMELINE_LIMIT = 50;

export class PresentationState {
  readonly status: PresentationStatus;
  readonly timings: PresentationTimings;
  /** Set by the `retry` signal; consumed by the park it ends. */
  retryRequested = false;
  /** The ERP's webhook outbox, when the input names a webhook URL. */
  webhooks?: WebhookOutbox;

  constructor(
    readonly input: PresentationInput,
    identifier: string,
  ) {
    this.timings = { ...DEFAULT_PRESENTATION_TIMINGS, ...input.timings };
    this.status = {
      workflowId: workflowInfo().workflowId,
      level: input.level,
      identifier,
      customsOfficeOfPresentation: input.customsOfficeOfPresentation,
      transportMRN: input.transportMRN,
      erpReference: input.erpReference,
      phase: 'PRESENTING',
      attempts: [],
      houses: [],
      housesTold: 0,
      housesFinished: 0,
      housesNotTracked: 0,
      needsAttention: false,
      timeline: [{ phase: 'PRESENTING', at: workflowNow() }],
    };
  }

  get phase(): PresentationPhase {
    return this.status.phase;
  }

  setPhase(phase: PresentationPhase): void {
    if (this.status.phase === phase) return;
    this.status.phase = phase;
    this.status.timeline.push({ phase, at: workflowNow() });
    if (this.status.timeline.length > TIMELINE_LIMIT) this.status.timeline.shift();
    this.publish();
  }

  /** Stops and asks a person to act; the workflow keeps running. */
  park(reason: string): void {
    this.status.needsAttention = true;
    this.status.needsAttentionReason = reason;
    this.publish();
  }

  clearAttention(): void {
    if (!this.status.needsAttention) return;
    this.status.needsAttention = false;
    this.status.needsAttentionReason = undefined;
    this.publish();
  }

  /** Search attributes and current details, kept in step with the status. */
  publish(): void {
    const s = this.status;
    const master = s.level === 'master-consignment' ? s.identifier : null;
    upsertSearchAttributes([
      { key: SA.phase, value: s.phase },
      { key: SA.documentNumber, value: s.identifier },
      { key: SA.masterDocument, value: master },
      { key: SA.erpReference, value: s.erpReference ?? null },
      { key: SA.needsAttention, value: s.needsAttention },
    ]);
    setCurrentDetails(this.details());
    this.publishSummary();
    this.offerWebhook();
  }

  /** Queues a webhook event when the phase or the attention changed (nothing without an outbox). */
  offerWebhook(): void {
    const s = this.status;
    const mrn = s.level === 'entry-summary-declaration' ? this.input.mrn : undefined;
    this.webhooks?.offer(presentationOffer({ ...s, mrn }));
  }

  private lastSummary?: string;

  /** The memo a status read uses; written only when it changed (each write is a history event). */
  private publishSummary(): void {
    const { houses, attempts, timeline: _t, ...rest } = this.status;
    const summary: Omit<PresentationSummary, 'updatedAt'> = {
      ...rest,
      houseCount: houses.length,
      attemptCount: attempts.length,
    };
    const text = JSON.stringify(summary);
    if (text === this.lastSummary) return;
    this.lastSummary = text;
    upsertMemo({ [PRESENTATION_MEMO_KEY]: { ...summary, updatedAt: workflowNow() } });
  }

  private details(): string {
    const s = this.status;
    const head = `**${s.phase}**: ${s.level} ${s.identifier} at ${s.customsOfficeOfPresentation}`;
    const request = s.requestId ? `\n\nrequestId ${s.requestId} (attempt ${s.attempts.length})` : '';
    const houses = s.houses.length
      ? `\n\nHouses: ${s.housesTold} told, ${s.housesFinished} already finished, ${s.housesNotTracked} not tracked, of ${s.houses.length}`
      : '';
    const attention = s.needsAttention ? `\n\nNeeds attention: ${s.needsAttentionReason ?? ''}` : '';
    return `${head}${request}${houses}${attention}`;
  }

  snapshot(): PresentationStatus {
    return JSON.parse(JSON.stringify(this.status)) as PresentationStatus;
  }
}
