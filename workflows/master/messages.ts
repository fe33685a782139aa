// The master consignment workflow's public contract: input, status, result and every message.
// Clients, the gateway and the CLI import these; the workflow type name and id helper are in
// src/shared.ts (MASTER_WORKFLOW_TYPE, masterWorkflowId).
import { defineSignal } from '@temporalio/workflow';
import type { MasterView } from '../../activities/levels-outcomes';
import {
  DEFAULT_LIFECYCLE_TIMINGS,
  type Duration,
  type LifecycleResult,
  type LevelStartInput,
  type LifecycleTimings,
  type SummaryOf,
  type TreeReadStatus,
} from '../notification/lifecycle-types';
import { defineLifecycleMessages, LIFECYCLE_MESSAGE_NAMES } from '../notification/level-messages';

export { LEVEL_STATUS_MEMO_KEY } from '../notification/lifecycle-types';

export type { MasterView };

/**
 * The master consignment document (DOMAIN.md section 1b) as sent to Customs; fields not named here
 * are sent as given. transportDocumentMasterLevel is the key and never changes.
 */
export interface MasterDocument {
  documentIssueDate: string;
  consignmentMasterLevel: {
    transportDocumentMasterLevel: { documentNumber: string; type: string };
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

export interface MasterTimings extends LifecycleTimings {
  /** Customs drops an unlinked master this long after its last update. */
  expireAfter: Duration;
}

export const DEFAULT_MASTER_TIMINGS: MasterTimings = {
  ...DEFAULT_LIFECYCLE_TIMINGS,
  expireAfter: '30 days',
};

/**
 * Start input. The transport the master travels on (DigitollTransport) is given by whoever starts
 * it, in the start options' search attributes: the master document does not name it.
 */
export interface MasterInput extends LevelStartInput {
  master: MasterDocument;
  timings?: Partial<MasterTimings>;
}

export interface MasterStatus extends TreeReadStatus {
  level: 'master';
  type: string;
  documentNumber: string;
  /** Customs' own view of this master with the houses it holds under it (status-with-descendants). */
  descendants?: MasterView;
  /** Set once the transport told this master it has entered. */
  transportEntered?: TransportEnteredNotice;
}

export type MasterResult = LifecycleResult;

/** The memo's copy of the status (key LEVEL_STATUS_MEMO_KEY): what a describe() reads. */
export type MasterStatusSummary = SummaryOf<MasterStatus>;

export interface TransportEnteredNotice {
  /** Workflow id of the transport that entered. */
  transportWorkflowId: string;
  transportMrn?: string;
  at?: string;
}

export const MASTER_MESSAGE_NAMES = {
  ...LIFECYCLE_MESSAGE_NAMES,
  transportEntered: 'transportEntered',
} as const;

/** The lifecycle's messages with the master document and status (the workflow registers these). */
export const masterLifecycleMessages = defineLifecycleMessages<MasterDocument, MasterStatus>();

/** Replace the whole document (same key); returns the new revision. */
export const masterCorrectUpdate = masterLifecycleMessages.correctUpdate;
/** Same as the update, for the Temporal UI (malformed input is recorded, not thrown). */
export const masterCorrectSignal = masterLifecycleMessages.correctSignal;
/** Cancel (DELETE); the update returns once the master is CANCELLED. */
export const masterCancelUpdate = masterLifecycleMessages.cancelUpdate;
export const masterCancelSignal = masterLifecycleMessages.cancelSignal;
export const masterRetrySignal = masterLifecycleMessages.retrySignal;
/** Read the houses Customs holds under the master again (status-with-descendants). */
export const masterRefreshDescendantsSignal = masterLifecycleMessages.refreshSignal;
export const masterStatusQuery = masterLifecycleMessages.statusQuery;
/** The MRN of a master Customs holds but whose MRN is unknown (MRN_UNKNOWN); returns the MRN stored. */
export const masterProvideMrnUpdate = masterLifecycleMessages.provideMrnUpdate;
/** Same as the update, for the Temporal UI (a refused MRN is recorded in refusedMessages). */
export const masterProvideMrnSignal = masterLifecycleMessages.provideMrnSignal;
/** The transport this master travels on has entered: corrections end, the master is done. */
export const transportEnteredSignal = defineSignal<[TransportEnteredNotice]>(
  MASTER_MESSAGE_NAMES.transportEntered,
);
