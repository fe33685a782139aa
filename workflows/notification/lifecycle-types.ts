// The public shapes of the notification lifecycle that transports and masters share: timings and
// the part of the status every level shows. Pure types, constants and one pure helper, imported
// by the workflows' message modules and by clients.
import type { Duration } from '@temporalio/common';
import type { LevelIssue, NotificationLevel } from '../../activities/levels-outcomes';
import type { LevelPhase, Mode } from '../../src/shared';
import { DEFAULT_STEP_TIMINGS, type StepTimings } from './timings';

export type { Duration, LevelIssue, NotificationLevel, LevelPhase, StepTimings };

/** Every wait of the lifecycle; each has a production default and may be shortened in the input. */
export interface LifecycleTimings extends StepTimings {
  /** How long a REJECTED notification waits for a correction before it EXPIRES. */
  correctionWait: Duration;
}

export const DEFAULT_LIFECYCLE_TIMINGS: LifecycleTimings = {
  ...DEFAULT_STEP_TIMINGS,
  correctionWait: '30 days',
};

export interface TimelineEntry {
  phase: LevelPhase;
  at: string;
}

/** A message the workflow refused (a malformed signal), kept so nobody wonders where it went. */
export interface RefusedMessage {
  message: string;
  reason: string;
  at: string;
}

/** What every level's status shows. */
export interface LifecycleStatus {
  workflowId: string;
  level: NotificationLevel;
  mode: Mode;
  erpReference?: string;
  phase: LevelPhase;
  mrn?: string;
  /** 1 for the original document, +1 for each accepted correction. */
  revision: number;
  /** The requestId that currently counts at Customs (the newest submission). */
  requestId?: string;
  /** Every issue of the last rejection (a 400 or a FAILURE): path and description. */
  validationIssues: LevelIssue[];
  needsAttention: boolean;
  needsAttentionReason?: string;
  cancelReason?: string;
  timeline: TimelineEntry[];
  refusedMessages: RefusedMessage[];
  /** Workflow time of the last change. */
  updatedAt: string;
}

/** The part of every level's start input the lifecycle reads. */
export interface LevelStartInput {
  mode: Mode;
  erpReference?: string;
  /** Task queue of the Customs activities; defaults to DIGITOLL_ACTIVITY_TASK_QUEUE. */
  digitollTaskQueue?: string;
  /** Where the ERP is told of every phase and needs-attention change (signed; see WebhookEvent). */
  webhook?: { url: string };
}

/** Where a level shows its last read of the tree below it. */
export interface TreeReadStatus extends LifecycleStatus {
  descendantsReadAt?: string;
  /** Why the last read of the tree failed (shown, the lifecycle goes on without it). */
  descendantsProblem?: string;
}

export interface CorrectionOptions {
  reason?: string;
}
export interface CancelRequest {
  reason: string;
}
/** The MRN of a notification Customs holds but whose MRN is unknown here (phase MRN_UNKNOWN). */
export interface ProvideMrnRequest {
  /** 18 characters as Customs writes them, e.g. 22NO4TU2HUD59UCBT8 (from the Digitoll portal). */
  mrn: string;
}
/** What a finished (or cancelled) notification ends with. */
export interface LifecycleResult {
  phase: LevelPhase;
  mrn?: string;
  revision: number;
  cancelReason?: string;
}

/** Failure types of refused updates, which callers decide on (the reason is in the message). */
export const LEVEL_REFUSAL_TYPES = {
  /** A correction changes a field Customs keys the notification by. */
  keyChanged: 'KEY_CHANGED',
  /** The notification has ended (entered, cancelled, expired) or its entry is recorded. */
  closed: 'CLOSED',
  /** The message is not a whole document of this level (or not an MRN). */
  malformed: 'MALFORMED',
  /** provideMrn when no MRN is missing: it is known, or Customs has not said it holds the notification. */
  mrnNotMissing: 'MRN_NOT_MISSING',
} as const;

/**
 * Key of the memo entry that holds a level's status summary, kept at every change so a read is a
 * describe() that replays nothing. The timeline, refused messages and tree stay behind `status`.
 */
export const LEVEL_STATUS_MEMO_KEY = 'status';

/** What the memo holds of a level's status. */
export type SummaryOf<S extends LifecycleStatus> = Omit<S, 'timeline' | 'refusedMessages' | 'descendants'>;

/** The status without what only the full query shows. */
export function summaryOf<S extends LifecycleStatus & { descendants?: unknown }>(status: S): SummaryOf<S> {
  const { timeline: _timeline, refusedMessages: _refused, descendants: _descendants, ...summary } = status;
  return JSON.parse(JSON.stringify(summary)) as SummaryOf<S>;
}
