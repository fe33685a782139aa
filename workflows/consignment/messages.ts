// The consignment workflow's public contract: its input, status and result types and every
// message (update, signal, query). Clients, the gateway and the CLI import these; the message
// names are spelled only here.
import type { Duration } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { HouseConsignmentInput, Routing, RoutingItem } from '../../src/domain';
import type { LevelPhase, Mode, Phase, PresentationLevel, PresentationPhase } from '../../src/shared';

/** A duration as the Temporal SDK accepts it: milliseconds or an ms-formatted string ('2s', '10 minutes'). */
export type { Duration };

/** The house consignment document (DOMAIN.md section 2); validated at the ERP boundary and by Customs. */
export type ConsignmentDocument = HouseConsignmentInput;

/**
 * Every wait of the workflow. Each has a production default (see DEFAULT_TIMINGS) and can be
 * shortened in the input, so tests run in seconds on a real server.
 */
export interface ConsignmentTimings {
  /** Durable wait after a submission before the first validation poll (Customs: "wait 1-2 s"). */
  firstValidationDelay: Duration;
  /** First interval between validation polls; grows by pollBackoff up to pollMaxInterval. */
  pollInitialInterval: Duration;
  pollBackoff: number;
  pollMaxInterval: Duration;
  /** How long validation may take before the consignment parks with NeedsAttention. */
  validationDeadline: Duration;
  /** How long a parked consignment waits for a correction before it EXPIRES (Customs drops it). */
  correctionWait: Duration;
  /**
   * How long a consignment waits for arrival or for the next routing before it EXPIRES: Customs
   * drops unlinked notifications 30 days after their last update.
   */
  expireAfter: Duration;
  /** After a park for a transient cause (deadline, 5xx, timeouts) the step is tried again by itself. */
  transientCoolDown: Duration;
  /** Longest pause between two tries of a webhook delivery (tried for 24 hours in all). */
  webhookMaxInterval: Duration;
}

export const DEFAULT_TIMINGS: ConsignmentTimings = {
  firstValidationDelay: '2s',
  pollInitialInterval: '1s',
  pollBackoff: 1.5,
  pollMaxInterval: '30s',
  validationDeadline: '15 minutes',
  correctionWait: '30 days',
  expireAfter: '30 days',
  transientCoolDown: '15 minutes',
  webhookMaxInterval: '5 minutes',
};

/** Names of the patches (workflow changes made once histories existed), each used once. */
export const PATCHES = {
  /** The validation deadline is a workflow timer, not an activity's schedule-to-close timeout. */
  deadlineTimer: 'validation-deadline-timer',
  /** Phase and needs-attention changes are pushed to the ERP's webhook. */
  webhooks: 'webhooks',
  /** A status summary is kept in the memo for reads that replay nothing. */
  statusMemo: 'status-memo',
  /** Waits for arrival and routing are bounded by expireAfter. */
  boundedWaits: 'bounded-waits',
  /** An overdue correction ends EXPIRED instead of waiting for ever. */
  expireOverdueCorrection: 'expire-overdue-correction',
  /** Replayed webhook deliveries queue behind the one on its way instead of displacing it. */
  webhookReplayBehindInFlight: 'webhook-replay-behind-in-flight',
  /** A house told by a presentation of a level above it does not present itself again. */
  presentedAbove: 'presented-above',
  /** Transports, masters and presentations with a webhook URL push their changes too. */
  levelWebhooks: 'level-webhooks',
  /**
   * Asked once, at the start: a run that has it takes every patch above as applied without a
   * marker of its own, sends the search attributes and memo once per activation (changed keys
   * only), bounds validation polls by their schedule-to-close timeout instead of a timer, and
   * shares one expiry timer between its arrival and routing waits.
   */
  leanHistory: 'lean-history',
  /**
   * Asked before leanHistory, in its place: a run that has it is lean and, on top, does not write
   * the search attributes or memo for a phase it only passes through (AWAITING_VALIDATION,
   * PRESENTING) while nothing else Temporal indexes changes; they are written at the next phase
   * it rests in (see ConsignmentState.publishLean).
   */
  settledAttributes: 'settled-attributes',
  /**
   * Asked before settledAttributes, in its place: a run that has it is settled and, on top, passes
   * through REGISTERED when the goods already reached the border (it presents at once), writes a
   * new MRN with the next phase it rests in (a park is still written at once), and leaves the
   * submission's requestId out of the memo once the MRN is known (see ConsignmentState.publishLean).
   */
  restIndexed: 'rest-indexed',
} as const;

export interface ConsignmentInput {
  mode: Mode;
  consignment: ConsignmentDocument;
  erpReference?: string;
  /** When set, the consignment is presented explicitly on arrival at this customs office. */
  presentation?: { customsOfficeOfPresentation: string };
  timings?: Partial<ConsignmentTimings>;
  /** Task queue of the Customs activities; defaults to DIGITOLL_ACTIVITY_TASK_QUEUE. */
  digitollTaskQueue?: string;
  /** Where the ERP is told of every phase and needs-attention change (signed; see WebhookEvent). */
  webhook?: { url: string };
}

/** Which workflow an event speaks of: a house, a transport, a master or a presentation. */
export const WEBHOOK_LEVELS = ['house', 'transport', 'master', 'presentation'] as const;
export type WebhookLevel = (typeof WEBHOOK_LEVELS)[number];

/**
 * What an ERP is told on every phase change and every change of needs-attention, POSTed as JSON
 * and signed (header X-Digitoll-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">).
 * `deliveryId` is the same on every retry of one event: receivers deduplicate on it; `sequence`
 * orders one workflow's events. The key fields are the level's: type and documentNumber for a house
 * or master, transport for a transport, presentationLevel and identifier for a presentation; the
 * MRN-unknown, routing and reasons fields are a house's.
 */
export interface WebhookEvent {
  deliveryId: string;
  sequence: number;
  level: WebhookLevel;
  workflowId: string;
  type?: string;
  documentNumber?: string;
  /** A transport's key (DigitollTransport). */
  transport?: string;
  /** What a presentation presents, and its identifier. */
  presentationLevel?: PresentationLevel;
  identifier?: string;
  erpReference?: string;
  phase: WebhookPhase;
  mrn?: string;
  mrnUnknown?: boolean;
  routing?: { id: string; routing: Routing; controlLocation?: string };
  incompleteReasons?: string[];
  validationErrors?: ValidationIssue[];
  needsAttention: boolean;
  needsAttentionReason?: string;
  nextStep: string;
  at: string;
}

/** A phase of any level that pushes events. */
export type WebhookPhase = Phase | LevelPhase | PresentationPhase;

export interface WebhookFailure {
  deliveryId: string;
  sequence: number;
  phase: WebhookPhase;
  error: string;
  at: string;
}

export interface WebhookStatus {
  url: string;
  delivered: number;
  pending: number;
  /** Deliveries given up after 24 hours (or refused by the receiver); `replayWebhooks` sends them again. */
  failed: WebhookFailure[];
}

/** One routing signal from Customs' feed (DOMAIN.md section 1, step 6), as the routing feed delivers it. */
export type RoutingSignal = RoutingItem;

export interface RoutingRecord {
  id: string;
  routing: Routing;
  controlLocation?: string;
  receivedAt: string;
}

export interface ValidationIssue {
  path: string;
  message: string;
}

export interface IncompleteReason {
  code: string;
  meaning: string;
  /** false for a reason code Customs added after this build (shown, not understood). */
  known?: boolean;
}

export interface RejectedMessage {
  message: string;
  reason: string;
  at: string;
}

export interface ConsignmentStatus {
  workflowId: string;
  documentNumber: string;
  type: string;
  mode: Mode;
  erpReference?: string;
  phase: Phase;
  mrn?: string;
  /**
   * Customs holds this house but its MRN was lost (a POST whose answer never came, then "already
   * in use"): routing still comes, a PUT or DELETE waits until a person supplies it (provideMrn).
   */
  mrnUnknown?: boolean;
  /** 1 for the original document, +1 for each accepted correction. */
  revision: number;
  /** The requestId that currently counts at Customs (the newest submission). */
  requestId?: string;
  presentationRequestId?: string;
  validationErrors: ValidationIssue[];
  incompleteReasons: IncompleteReason[];
  routing?: RoutingRecord;
  routingHistory: RoutingRecord[];
  timeline: Array<{ phase: Phase; at: string }>;
  needsAttention: boolean;
  needsAttentionReason?: string;
  cancelReason?: string;
  rejectedMessages: RejectedMessage[];
  /** Present when the ERP is told of changes by webhook. */
  webhooks?: WebhookStatus;
}

/**
 * What a status read needs, kept in the workflow's memo (key STATUS_MEMO_KEY) at every change, so
 * a read is a describe() that replays nothing. The full status (timeline, routing history,
 * refused messages) stays behind the `status` query.
 */
export type ConsignmentStatusSummary = Omit<
  ConsignmentStatus,
  'routingHistory' | 'timeline' | 'rejectedMessages' | 'presentationRequestId' | 'webhooks'
> & {
  /** Webhook deliveries given up (the full status lists them). */
  webhookFailures?: number;
  /** The operator's next step, as the Temporal UI's current details say it. */
  nextStep: string;
  /** Workflow time of the change this summary reflects. */
  updatedAt: string;
};

/**
 * What a run with the lean-history patch keeps in its memo: the summary without what its search
 * attributes carry (phase, MRN, needsAttention, DigitollUpdatedAt) or a reader derives (nextStep),
 * so a phase change writes the search attributes only. A status read merges the two.
 */
export type LeanStatusSummary = Omit<
  ConsignmentStatusSummary,
  'phase' | 'mrn' | 'needsAttention' | 'nextStep' | 'updatedAt'
>;

export const STATUS_MEMO_KEY = 'status';

export interface ConsignmentResult {
  phase: Phase;
  mrn?: string;
  revision: number;
  routing?: RoutingRecord;
  cancelReason?: string;
}

export interface CorrectionOptions {
  reason: string;
}
export interface CancelRequest {
  reason: string;
}
export interface ProvideMrnRequest {
  /** The house's MRN as Customs gave it (18 characters), e.g. from the Digitoll portal. */
  mrn: string;
}
export interface ArrivalNotice {
  at?: string;
  customsOfficeOfPresentation?: string;
  /**
   * The presentation workflow (`pr:{level}:{identifier}`) that presented a level this house is
   * inside: Customs holds it as presented, so the house does not present itself but awaits routing.
   */
  presentedBy?: string;
}

export const MESSAGE_NAMES = {
  correct: 'correct',
  cancel: 'cancel',
  arrived: 'arrived',
  routing: 'routing',
  retry: 'retry',
  provideMrn: 'provideMrn',
  status: 'status',
} as const;

/** Replace the whole document (same business key); returns the new revision. */
export const correctUpdate = defineUpdate<number, [ConsignmentDocument, CorrectionOptions]>(
  MESSAGE_NAMES.correct,
);
/** Same as the update, for the Temporal UI (malformed input is recorded, not thrown). */
export const correctSignal = defineSignal<[ConsignmentDocument, CorrectionOptions]>(MESSAGE_NAMES.correct);
/** Cancel the consignment; the update returns once it is CANCELLED. */
export const cancelUpdate = defineUpdate<ConsignmentResult, [CancelRequest]>(MESSAGE_NAMES.cancel);
export const cancelSignal = defineSignal<[CancelRequest]>(MESSAGE_NAMES.cancel);
export const arrivedSignal = defineSignal<[ArrivalNotice?]>(MESSAGE_NAMES.arrived);
/**
 * The transport arrived. Its validator refuses a repeat that brings nothing new (a refused update
 * writes no history, so an ERP re-posting arrival does not spend the signal budget).
 */
export const arrivedUpdate = defineUpdate<ArrivalNotice, [ArrivalNotice]>(MESSAGE_NAMES.arrived);

/** Failure types of refused updates that callers decide on (the reason is in the message). */
export const REFUSAL_TYPES = {
  /** The arrival was recorded before and this notice changes nothing. */
  alreadyRecorded: 'ALREADY_RECORDED',
} as const;
export const routingSignal = defineSignal<[RoutingSignal]>(MESSAGE_NAMES.routing);
export const retrySignal = defineSignal<[]>(MESSAGE_NAMES.retry);
/** Operator: send the webhook deliveries that were given up again, in order. */
export const replayWebhooksSignal = defineSignal<[]>('replayWebhooks');
/** Operator: the MRN of a house Customs holds but whose MRN was lost; returns the MRN stored. */
export const provideMrnUpdate = defineUpdate<string, [ProvideMrnRequest]>(MESSAGE_NAMES.provideMrn);
/** Same as the update, for the Temporal UI (a refused MRN is recorded in rejectedMessages). */
export const provideMrnSignal = defineSignal<[ProvideMrnRequest]>(MESSAGE_NAMES.provideMrn);
export const statusQuery = defineQuery<ConsignmentStatus>(MESSAGE_NAMES.status);
