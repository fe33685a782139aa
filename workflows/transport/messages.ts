// The transport workflow's public contract: input, status, result and every message. Clients, the
// gateway and the CLI import these; the workflow type name and id helper are in src/shared.ts
// (TRANSPORT_WORKFLOW_TYPE, transportWorkflowId).
import { defineUpdate } from '@temporalio/workflow';
import type { EntryView, TransportTreeView } from '../../activities/levels-outcomes';
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

export type { EntryView, TransportTreeView };

/**
 * The transport document (DOMAIN.md section 1b) as sent to Customs; fields not named here are
 * sent as given. The keys (identificationNumber + typeOfIdentification, conveyanceReferenceNumber
 * for air, scheduledDateAndTimeOfArrival) never change once Customs holds the transport.
 */
export interface TransportDocument {
  documentIssueDate: string;
  activeBorderTransportMeans: {
    identificationNumber: string;
    typeOfIdentification: number | string;
    conveyanceReferenceNumber?: string | null;
    [field: string]: unknown;
  };
  estimatedDateAndTimeOfArrival?: string | null;
  scheduledDateAndTimeOfArrival?: string | null;
  consignmentMasterLevel?: Array<{
    transportDocumentMasterLevel: { documentNumber: string; type: string };
    [field: string]: unknown;
  }>;
  [field: string]: unknown;
}

export interface TransportTimings extends LifecycleTimings {
  /** Longest pause between two entry-status polls after the ETA. */
  entryPollMaxInterval: Duration;
  /** Customs cancels a transport this long after its ETA when no arrival was registered. */
  expireAfterEta: Duration;
}

export const DEFAULT_TRANSPORT_TIMINGS: TransportTimings = {
  ...DEFAULT_LIFECYCLE_TIMINGS,
  entryPollMaxInterval: '5 minutes',
  expireAfterEta: '72 hours',
};

export interface TransportInput extends LevelStartInput {
  transport: TransportDocument;
  timings?: Partial<TransportTimings>;
}

export interface TransportStatus extends TreeReadStatus {
  level: 'transport';
  identificationNumber: string;
  scheduledDateAndTimeOfArrival?: string;
  estimatedDateAndTimeOfArrival?: string;
  conveyanceReferenceNumber?: string;
  /** Workflow ids of the masters the document lists (told when the transport has entered). */
  masters: string[];
  /** The entry status once Customs answered it. */
  entry?: EntryView;
  /** What Customs holds under the transport (status-with-descendants), and when it was read. */
  descendants?: TransportTreeView;
}

export type TransportResult = LifecycleResult;

/** The memo's copy of the status (key LEVEL_STATUS_MEMO_KEY): what a describe() reads. */
export type TransportStatusSummary = SummaryOf<TransportStatus>;

export interface ArrivalUpdate {
  estimatedDateAndTimeOfArrival: string;
}

export const TRANSPORT_MESSAGE_NAMES = {
  ...LIFECYCLE_MESSAGE_NAMES,
  updateArrival: 'updateArrival',
} as const;

/** The lifecycle's messages with the transport document and status (the workflow registers these). */
export const transportLifecycleMessages = defineLifecycleMessages<TransportDocument, TransportStatus>();

/** Replace the whole document (same keys); returns the new revision. */
export const transportCorrectUpdate = transportLifecycleMessages.correctUpdate;
/** Same as the update, for the Temporal UI (malformed input is recorded, not thrown). */
export const transportCorrectSignal = transportLifecycleMessages.correctSignal;
/** Cancel (DELETE); the update returns once the transport is CANCELLED. */
export const transportCancelUpdate = transportLifecycleMessages.cancelUpdate;
export const transportCancelSignal = transportLifecycleMessages.cancelSignal;
/** Try a parked step again at once. */
export const transportRetrySignal = transportLifecycleMessages.retrySignal;
/** Read what Customs holds under the transport again (status-with-descendants). */
export const transportRefreshDescendantsSignal = transportLifecycleMessages.refreshSignal;
export const transportStatusQuery = transportLifecycleMessages.statusQuery;
/** The MRN of a transport Customs holds but whose MRN is unknown (MRN_UNKNOWN); returns the MRN stored. */
export const transportProvideMrnUpdate = transportLifecycleMessages.provideMrnUpdate;
/** Same as the update, for the Temporal UI (a refused MRN is recorded in refusedMessages). */
export const transportProvideMrnSignal = transportLifecycleMessages.provideMrnSignal;
/** A new estimated time of arrival: exactly one PUT; returns the new revision. */
export const updateArrivalUpdate = defineUpdate<number, [ArrivalUpdate]>(
  TRANSPORT_MESSAGE_NAMES.updateArrival,
);
