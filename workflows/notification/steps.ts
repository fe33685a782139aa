// The step machinery every level shares (house, master, transport, presentation): activity
// options for Customs calls, the parking of problems that retrying cannot fix, the business
// deadline as a workflow timer and the validation wait. Generic over what a park needs (ParkTarget)
// and the waits (StepTimings); each level keeps only its own calls.
import { RetryState, TimeoutType, type Duration } from '@temporalio/common';
import {
  ActivityFailure,
  CancellationScope,
  TimeoutFailure,
  condition,
  isCancellation,
  sleep,
  type ActivityOptions,
} from '@temporalio/workflow';
import { DIGITOLL_ACTIVITY_TASK_QUEUE } from '../../src/shared';
import { DeadlinePassed, ParkInterrupted, parkReason } from './failures';
import type { StepTimings } from './timings';

export type { StepTimings } from './timings';

/** What a park needs of a level's state. */
export interface ParkTarget {
  /** Shows the reason and NeedsAttention. */
  park(reason: string): void;
  clearAttention(): void;
  /** Set by the `retry` signal; consumed by the park it ends. */
  retryRequested: boolean;
  /** While set, a park also ends when this turns true, and the step is abandoned (ParkInterrupted). */
  parkInterrupt?: () => boolean;
}

/**
 * Each call is bounded by its own attempts, never by time spent queued behind our rate limit. No
 * heartbeat timeout: an attempt is one Customs call (now and then a token first), each bounded
 * by the client's own timeouts well within the start-to-close, so a lost worker's attempt is
 * retried once the start-to-close passes. A
 * heartbeat timeout (it was 6 s) recovered that sooner but had the server check every attempt that
 * long after it started, when nearly all were long done: under load those checks delayed every
 * consignment's timers by seconds (`npm run bench:throughput` prints the waits). Only new
 * schedules change; the command's type and id, which replay compares, stay as they were.
 */
export function customsActivityOptions(taskQueue?: string): ActivityOptions {
  return {
    taskQueue: taskQueue ?? DIGITOLL_ACTIVITY_TASK_QUEUE,
    startToCloseTimeout: '30s',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 8 },
  };
}

/** Polls whose 404 means "not yet": Temporal's retry policy does the waiting, under the deadline. */
export function pollActivityOptions(
  base: ActivityOptions,
  t: StepTimings,
  maximumInterval: Duration = t.pollMaxInterval,
): ActivityOptions {
  return {
    ...base,
    retry: { initialInterval: t.pollInitialInterval, backoffCoefficient: t.pollBackoff, maximumInterval },
  };
}

/**
 * Parks with `reason` until an operator signals retry (or the park is interrupted); a park for a
 * transient cause also ends by itself after `coolDown`.
 */
export async function parkUntilRetry(target: ParkTarget, reason: string, coolDown?: Duration): Promise<void> {
  target.park(
    coolDown === undefined
      ? reason
      : `${reason}; tries again by itself in ${String(coolDown)}, or signal retry`,
  );
  // A retry sent while the failing step was still being tried counts for this park.
  const interrupt = target.parkInterrupt;
  const woken = () => target.retryRequested || (interrupt?.() ?? false);
  const early =
    coolDown === undefined ? await condition(woken).then(() => true) : await condition(woken, coolDown);
  const interrupted = early && !target.retryRequested;
  target.retryRequested = false;
  target.clearAttention();
  if (interrupted) throw new ParkInterrupted(`${reason} (interrupted)`);
}

/**
 * Runs a step; problems retrying cannot fix park until a `retry` signal (transient ones also
 * until `coolDown` passed), then the step runs again. A cancellation is never a person's problem,
 * and `passOn` names other failures the caller handles itself.
 */
export async function guarded<T>(
  target: ParkTarget,
  what: string,
  step: () => Promise<T>,
  coolDown: Duration,
  passOn?: (error: unknown) => boolean,
): Promise<T> {
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if (isCancellation(error) || passOn?.(error)) throw error;
      const park = parkReason(error, what);
      if (park === undefined) throw error;
      await parkUntilRetry(target, park.reason, park.transient ? coolDown : undefined);
    }
  }
}

/** Runs a poll under the business deadline, a workflow timer (time queued behind our rate limit counts for nothing else). */
export function withinDeadline<T>(deadline: Duration, call: () => Promise<T>): Promise<T> {
  return CancellationScope.cancellable(async () => {
    const timer = sleep(deadline, { summary: 'Validation deadline' }).then(() => {
      throw new DeadlinePassed(`no answer within ${String(deadline)}`);
    });
    try {
      return await Promise.race([call(), timer]);
    } finally {
      // Ends whichever lost: the deadline timer, or the poll still retrying.
      CancellationScope.current().cancel();
    }
  });
}

/**
 * Runs a poll whose activity options carry `deadline` as their schedule-to-close timeout: the
 * same bound as the timer of withinDeadline (counted from scheduling, retries included), read as
 * the same DeadlinePassed, without a timer started and cancelled per poll.
 */
export async function withinScheduleToClose<T>(deadline: Duration, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // The server ends it with its schedule-to-close timeout, or refuses a retry that would start
    // past it (then the last attempt's failure comes with the retry state TIMEOUT).
    const timedOut =
      error instanceof ActivityFailure &&
      (error.retryState === RetryState.TIMEOUT ||
        (error.cause instanceof TimeoutFailure && error.cause.timeoutType === TimeoutType.SCHEDULE_TO_CLOSE));
    if (timedOut) throw new DeadlinePassed(`no answer within ${String(deadline)}`);
    throw error;
  }
}

/**
 * Customs' validation wait: a short durable timer, then `poll` under the deadline, guarded.
 * `within` runs the poll under the deadline (a level with older histories may gate it).
 */
export async function awaitValidation<T>(
  target: ParkTarget,
  t: StepTimings,
  what: string,
  poll: () => Promise<T>,
  within: (call: () => Promise<T>) => Promise<T> = (call) => withinDeadline(t.validationDeadline, call),
): Promise<T> {
  await sleep(t.firstValidationDelay, { summary: 'Customs asks to wait before the first validation poll' });
  return guarded(target, what, () => within(poll), t.transientCoolDown);
}
