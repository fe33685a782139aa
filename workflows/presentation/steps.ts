// Calls a presentation makes: activity options, the validation wait under a workflow-timer
// deadline and the parking of problems that retrying cannot fix (the pattern of
// workflows/notification/customs-steps.ts, over the presentation's own state).
import { RetryState, type Duration } from '@temporalio/common';
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  proxyActivities,
  sleep,
  TimeoutFailure,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { DigitollActivities, PresentationActivities } from '../../activities';
import { FAILURE_TYPES } from '../../activities/failure-types';
import { DIGITOLL_ACTIVITY_TASK_QUEUE } from '../../src/shared';
import { DeadlinePassed, rejectedIssues } from '../notification/customs-steps';
import type { PresentationState } from './state';

export type PresentationSteps = ReturnType<typeof presentationSteps>;

/** Failure types that time alone may cure: the park ends by itself after a cool-down. */
const TRANSIENT_TYPES: ReadonlySet<string | undefined> = new Set([
  FAILURE_TYPES.unavailable,
  FAILURE_TYPES.rateLimited,
  FAILURE_TYPES.notReady,
]);

/** Why a failed step parks, and whether time alone may cure it; undefined: not ours to park. */
function parkReason(error: unknown, what: string): { reason: string; transient: boolean } | undefined {
  if (error instanceof DeadlinePassed)
    return { reason: `${what}: Customs did not answer before the deadline`, transient: true };
  if (!(error instanceof ActivityFailure)) return undefined;
  const cause = error.cause;
  const type = cause instanceof ApplicationFailure ? cause.type : undefined;
  if (type === FAILURE_TYPES.unauthorized) {
    const reason = `${what}: Customs refused our credentials (check the Maskinporten client and the toll:movement/entry scope); signal retry after fixing`;
    return { reason, transient: false };
  }
  if (error.retryState === RetryState.TIMEOUT || cause instanceof TimeoutFailure) {
    return {
      reason: `${what}: no answer in time (last: ${type ?? cause?.message ?? 'timeout'})`,
      transient: true,
    };
  }
  const reason = `${what}: ${type ?? 'failure'}: ${cause?.message ?? error.message}`;
  return TRANSIENT_TYPES.has(type ?? undefined)
    ? { reason, transient: true }
    : { reason: `${reason}; signal retry to try again`, transient: false };
}

export function presentationSteps(p: PresentationState) {
  const t = p.timings;
  // Bounded by attempts, never by time queued behind our own rate limit (as the house's calls).
  const base: ActivityOptions = {
    taskQueue: p.input.digitollTaskQueue ?? DIGITOLL_ACTIVITY_TASK_QUEUE,
    startToCloseTimeout: '30s',
    heartbeatTimeout: '6s',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 8 },
  };
  const acts = proxyActivities<DigitollActivities & PresentationActivities>(base);
  // 404 (NotReady) means "not yet": Temporal's retry policy does the waiting, under the deadline.
  const poll: ActivityOptions = {
    ...base,
    retry: {
      initialInterval: t.pollInitialInterval,
      backoffCoefficient: t.pollBackoff,
      maximumInterval: t.pollMaxInterval,
    },
  };

  /** Parks with `reason` until `retry`; a transient cause also ends the park after `coolDown`. */
  async function parkUntilRetry(reason: string, coolDown?: Duration): Promise<void> {
    p.park(
      coolDown === undefined
        ? reason
        : `${reason}; tries again by itself in ${String(coolDown)}, or signal retry`,
    );
    const woken = () => p.retryRequested;
    if (coolDown === undefined) await condition(woken);
    else await condition(woken, coolDown);
    p.retryRequested = false;
    p.clearAttention();
  }

  /** Runs a step; a problem retrying cannot fix parks until `retry` (the step is then run again). */
  async function guarded<T>(what: string, step: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await step();
      } catch (error) {
        const park = parkReason(error, what);
        if (park === undefined) throw error;
        await parkUntilRetry(park.reason, park.transient ? t.transientCoolDown : undefined);
      }
    }
  }

  /** Runs a poll under the business deadline, a workflow timer. */
  function withinDeadline<T>(call: () => Promise<T>): Promise<T> {
    return CancellationScope.cancellable(async () => {
      const deadline = sleep(t.validationDeadline, { summary: 'Validation deadline' }).then(() => {
        throw new DeadlinePassed(`no answer within ${String(t.validationDeadline)}`);
      });
      try {
        return await Promise.race([call(), deadline]);
      } finally {
        // Ends whichever lost: the deadline timer, or the poll still retrying.
        CancellationScope.current().cancel();
      }
    });
  }

  async function awaitValidation(requestId: string) {
    await sleep(t.firstValidationDelay, { summary: 'Customs asks to wait before the first validation poll' });
    return guarded('Presentation validation', () =>
      withinDeadline(() =>
        acts.checkPresentation.executeWithOptions({ ...poll, summary: `Poll presentation ${requestId}` }, [
          { requestId },
        ]),
      ),
    );
  }

  return { acts, base, guarded, awaitValidation, rejectedIssues };
}
