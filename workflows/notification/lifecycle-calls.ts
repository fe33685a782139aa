// The Customs calls of the shared notification lifecycle, generic over the level: activity options
// (polls whose 404 is retried by Temporal's retry policy), the business deadline as a workflow
// timer, and the reading of a 400 as the issues Customs gave.
import { RetryState } from '@temporalio/common';
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  proxyActivities,
  sleep,
  TimeoutFailure,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { LevelActivities } from '../../activities/levels';
import type { LevelIssue, NotificationLevel } from '../../activities/levels-outcomes';
import { FAILURE_TYPES } from '../../activities/failure-types';
import { DIGITOLL_ACTIVITY_TASK_QUEUE, type Mode } from '../../src/shared';
import type { Duration, LifecycleTimings } from './lifecycle-types';

export interface LevelCallsOptions {
  level: NotificationLevel;
  mode: Mode;
  timings: LifecycleTimings;
  taskQueue?: string;
}

/** The business deadline (a workflow timer) passed before Customs answered. */
export class DeadlinePassed extends Error {
  override readonly name = 'DeadlinePassed';
  readonly code = 'DEADLINE_PASSED';
}

/** Failure types that time alone may cure: the park ends by itself after a cool-down. */
const TRANSIENT_TYPES: ReadonlySet<string | undefined> = new Set([
  FAILURE_TYPES.unavailable,
  FAILURE_TYPES.rateLimited,
  FAILURE_TYPES.notReady,
]);

/** The issues of a 400 (VALIDATION_REJECTED) from any step, or undefined for other failures. */
export function rejectedIssues(error: unknown): LevelIssue[] | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  if (!(cause instanceof ApplicationFailure) || cause.type !== FAILURE_TYPES.validationRejected)
    return undefined;
  const list = Array.isArray(cause.details?.[0])
    ? (cause.details[0] as Array<{ field?: string; error?: string }>)
    : [];
  return list.map((e) => ({ path: e.field ?? '', description: e.error ?? 'invalid' }));
}

/** Why a failed step parks, and whether time alone may cure it; undefined: not ours to park (a bug). */
export function parkReason(error: unknown, what: string): { reason: string; transient: boolean } | undefined {
  if (error instanceof DeadlinePassed) {
    return { reason: `${what}: Customs did not answer before the deadline`, transient: true };
  }
  if (!(error instanceof ActivityFailure)) return undefined;
  const cause = error.cause;
  const type = cause instanceof ApplicationFailure ? cause.type : undefined;
  if (type === FAILURE_TYPES.unauthorized) {
    const reason = `${what}: Customs refused our credentials (check the Maskinporten client and scopes); signal retry after fixing`;
    return { reason, transient: false };
  }
  if (error.retryState === RetryState.TIMEOUT || cause instanceof TimeoutFailure) {
    return {
      reason: `${what}: Customs did not answer in time (last: ${type ?? 'timeout'})`,
      transient: true,
    };
  }
  const reason = `${what}: ${type ?? 'failure'}: ${cause?.message ?? error.message}`;
  return TRANSIENT_TYPES.has(type ?? undefined)
    ? { reason, transient: true }
    : { reason: `${reason}; signal retry`, transient: false };
}

export function levelCalls(options: LevelCallsOptions) {
  const t = options.timings;
  const { level, mode } = options;
  // Bounded by attempts, never by time queued behind our own rate limit.
  const base: ActivityOptions = {
    taskQueue: options.taskQueue ?? DIGITOLL_ACTIVITY_TASK_QUEUE,
    startToCloseTimeout: '30s',
    heartbeatTimeout: '6s',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 8 },
  };
  const poll = (maximumInterval: Duration): ActivityOptions => ({
    ...base,
    retry: { initialInterval: t.pollInitialInterval, backoffCoefficient: t.pollBackoff, maximumInterval },
  });
  const customs = proxyActivities<LevelActivities>(base);

  /** Runs a poll under the validation deadline, a workflow timer. */
  async function withinDeadline<T>(call: () => Promise<T>): Promise<T> {
    return CancellationScope.cancellable(async () => {
      const deadline = sleep(t.validationDeadline, { summary: 'Validation deadline' }).then(() => {
        throw new DeadlinePassed(`no answer within ${String(t.validationDeadline)}`);
      });
      try {
        return await Promise.race([call(), deadline]);
      } finally {
        CancellationScope.current().cancel();
      }
    });
  }

  return {
    /** POST (no MRN) or PUT (MRN); never cancelled once scheduled, so its requestId is always known. */
    send: (document: Record<string, unknown>, mrn: string | undefined, revision: number) =>
      CancellationScope.nonCancellable(() =>
        mrn
          ? customs.replaceNotification.executeWithOptions({ ...base, summary: `PUT revision ${revision}` }, [
              { level, mode, mrn, document },
            ])
          : customs.submitNotification.executeWithOptions({ ...base, summary: `POST revision ${revision}` }, [
              { level, mode, document },
            ]),
      ),
    remove: (mrn: string, documentIssueDate: string) =>
      customs.deleteNotification.executeWithOptions({ ...base, summary: `DELETE ${level}` }, [
        { level, mode, mrn, documentIssueDate },
      ]),
    async validation(requestId: string) {
      await sleep(t.firstValidationDelay, {
        summary: 'Customs asks to wait before the first validation poll',
      });
      return withinDeadline(() =>
        customs.checkNotificationValidation.executeWithOptions(
          { ...poll(t.pollMaxInterval), summary: `Poll validation of ${requestId}` },
          [{ level, mode, requestId }],
        ),
      );
    },
    /** Asked until Customs records the entry; its 404 is retried by policy for as long as the caller waits. */
    entry: (transportMrn: string, maxInterval: Duration) =>
      customs.checkEntryStatus.executeWithOptions({ ...poll(maxInterval), summary: 'Poll entry status' }, [
        { mode, transportMrn },
      ]),
    descendants: (mrn: string) =>
      customs.readDescendants.executeWithOptions(
        {
          ...poll(t.pollMaxInterval),
          retry: { ...poll(t.pollMaxInterval).retry, maximumAttempts: 10 },
          summary: 'Read what Customs holds below',
        },
        [{ level, mode, mrn }],
      ),
  };
}

export type LevelCalls = ReturnType<typeof levelCalls>;
