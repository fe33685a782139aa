// The messages every level of the shared lifecycle defines the same way (correct, cancel, retry,
// refresh of the tree below, status), by the same names. Each level's messages.ts exports them
// under its own names, and adds its own. Pure definitions, imported by clients too.
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CancelRequest, CorrectionOptions, LifecycleResult, ProvideMrnRequest } from './lifecycle-types';

export const LIFECYCLE_MESSAGE_NAMES = {
  correct: 'correct',
  cancel: 'cancel',
  retry: 'retry',
  refreshDescendants: 'refreshDescendants',
  provideMrn: 'provideMrn',
  status: 'status',
} as const;

export interface LifecycleMessages<D, S> {
  /** Replace the whole document (same key); returns the new revision. */
  correctUpdate: UpdateDefinition<number, [D, CorrectionOptions?]>;
  /** Same as the update, for the Temporal UI (malformed input is recorded, not thrown). */
  correctSignal: SignalDefinition<[D, CorrectionOptions?]>;
  /** Cancel (DELETE); the update returns once the notification is CANCELLED. */
  cancelUpdate: UpdateDefinition<LifecycleResult, [CancelRequest]>;
  cancelSignal: SignalDefinition<[CancelRequest]>;
  /** Try a parked step again at once. */
  retrySignal: SignalDefinition<[]>;
  /** Read what Customs holds below the notification again (status-with-descendants). */
  refreshSignal: SignalDefinition<[]>;
  /** The MRN of a notification Customs holds (phase MRN_UNKNOWN); returns the MRN stored. */
  provideMrnUpdate: UpdateDefinition<string, [ProvideMrnRequest]>;
  /** Same as the update, for the Temporal UI (a refused MRN is recorded, not thrown). */
  provideMrnSignal: SignalDefinition<[ProvideMrnRequest]>;
  statusQuery: QueryDefinition<S>;
}

/** The lifecycle's messages of one level, with that level's document and status. */
export function defineLifecycleMessages<D, S>(): LifecycleMessages<D, S> {
  const names = LIFECYCLE_MESSAGE_NAMES;
  return {
    correctUpdate: defineUpdate<number, [D, CorrectionOptions?]>(names.correct),
    correctSignal: defineSignal<[D, CorrectionOptions?]>(names.correct),
    cancelUpdate: defineUpdate<LifecycleResult, [CancelRequest]>(names.cancel),
    cancelSignal: defineSignal<[CancelRequest]>(names.cancel),
    retrySignal: defineSignal<[]>(names.retry),
    refreshSignal: defineSignal<[]>(names.refreshDescendants),
    provideMrnUpdate: defineUpdate<string, [ProvideMrnRequest]>(names.provideMrn),
    provideMrnSignal: defineSignal<[ProvideMrnRequest]>(names.provideMrn),
    statusQuery: defineQuery<S>(names.status),
  };
}
