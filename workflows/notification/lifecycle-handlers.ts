// The message handlers every level registers the same way: correct (update + signal, validated
// synchronously), cancel (update + signal), retry, refresh and the status query. The level gives
// its message definitions and what makes a correction unacceptable.
import { ApplicationFailure, CancellationScope, condition, setHandler } from '@temporalio/workflow';
import type { LifecycleMessages } from './level-messages';
import type { NotificationLifecycle } from './lifecycle';
import { provideMrnRefusal } from './lifecycle-mrn';
import { workflowNow } from './clock';
import {
  LEVEL_REFUSAL_TYPES,
  type CancelRequest,
  type CorrectionOptions,
  type LifecycleResult,
  type LifecycleStatus,
} from './lifecycle-types';

export interface Refusal {
  type: (typeof LEVEL_REFUSAL_TYPES)[keyof typeof LEVEL_REFUSAL_TYPES];
  message: string;
}

export const refuse = (r: Refusal) => ApplicationFailure.create({ ...r, nonRetryable: true });

/** What every level refuses: a cancel once ended or being cancelled. */
export function cancelRefusal(
  lc: { terminal: boolean; status: LifecycleStatus },
  request: unknown,
): Refusal | undefined {
  if (typeof (request as CancelRequest | undefined)?.reason !== 'string') {
    return { type: LEVEL_REFUSAL_TYPES.malformed, message: 'a cancel needs {"reason": "..."}' };
  }
  if (lc.terminal) return { type: LEVEL_REFUSAL_TYPES.closed, message: `already ${lc.status.phase}` };
  return undefined;
}

export function resultOf(status: LifecycleStatus): LifecycleResult {
  return {
    phase: status.phase,
    mrn: status.mrn,
    revision: status.revision,
    cancelReason: status.cancelReason,
  };
}

export function recordRefused(status: LifecycleStatus, message: string, reason: string): void {
  status.refusedMessages.push({ message, reason, at: workflowNow() });
  // Bounded: a flood of bad signals must not grow the status without end.
  if (status.refusedMessages.length > 20) status.refusedMessages.shift();
}

export function registerLifecycleHandlers<D extends object, S extends LifecycleStatus>(
  lc: NotificationLifecycle<D, S>,
  messages: LifecycleMessages<D, S>,
  hooks: {
    correctionRefusal: (document: D) => Refusal | undefined;
    onRefresh: () => void;
    snapshot: () => S;
  },
): void {
  const cancel = (request: CancelRequest) => {
    lc.cancelRequest ??= { reason: request.reason };
  };
  setHandler(messages.statusQuery, hooks.snapshot, { description: 'Phase, MRN, issues, tree and timeline' });
  setHandler(
    messages.correctUpdate,
    (document: D, _options?: CorrectionOptions) => lc.queueCorrection(document),
    {
      description: 'Replace the whole document (same keys); returns the new revision',
      validator: (document: D, _options?: CorrectionOptions) => {
        const refusal = hooks.correctionRefusal(document);
        if (refusal) throw refuse(refusal);
      },
    },
  );
  setHandler(messages.correctSignal, (document: D, _options?: CorrectionOptions) => {
    const refusal = hooks.correctionRefusal(document);
    if (refusal) recordRefused(lc.status, 'correct', refusal.message);
    else lc.queueCorrection(document);
  });
  setHandler(
    messages.cancelUpdate,
    async (request) => {
      cancel(request);
      // Not cancellable: Temporal's own cancellation of the run must not fail an accepted cancel.
      await CancellationScope.nonCancellable(() => condition(() => lc.terminal));
      return resultOf(lc.status);
    },
    {
      description: 'Cancel (DELETE with the MRN); returns once ended',
      validator: (request) => {
        const refusal = cancelRefusal(lc, request);
        if (refusal) throw refuse(refusal);
      },
    },
  );
  setHandler(messages.cancelSignal, (request) => {
    const refusal = cancelRefusal(lc, request);
    if (refusal) recordRefused(lc.status, 'cancel', refusal.message);
    else cancel(request);
  });
  setHandler(messages.retrySignal, () => void (lc.retryRequested = true), {
    description: 'Try a parked step again at once',
  });
  setHandler(messages.refreshSignal, hooks.onRefresh, {
    description: 'Read what Customs holds below this notification again',
  });
  registerProvideMrn(lc, messages);
}

/** provideMrn (update + signal): the MRN of a notification Customs holds, from a person. */
function registerProvideMrn<D extends object, S extends LifecycleStatus>(
  lc: NotificationLifecycle<D, S>,
  messages: LifecycleMessages<D, S>,
): void {
  setHandler(messages.provideMrnUpdate, (request) => lc.storeMrn(request.mrn), {
    description: 'Operator: the MRN of a notification Customs holds but whose MRN is unknown (18 characters)',
    validator: (request) => {
      const refusal = provideMrnRefusal(lc, request);
      if (refusal) throw refuse(refusal);
    },
  });
  setHandler(
    messages.provideMrnSignal,
    (request) => {
      const refusal = provideMrnRefusal(lc, request);
      if (refusal) recordRefused(lc.status, 'provideMrn', refusal.message);
      else lc.storeMrn(request.mrn);
    },
    { description: 'Same as the provideMrn update, for the UI; a refused MRN appears in refusedMessages' },
  );
}
