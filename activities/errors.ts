// The one place where errors of the Customs client become Temporal failures. The failure `type`
// is the error's stable `code`, never its class name, so workflows decide by meaning.
import { Context } from '@temporalio/activity';
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { withCallSignal } from '../src/digitoll/call-signal';
import {
  DigitollError,
  NotReady,
  RateLimited,
  UnexpectedResponse,
  ValidationRejected,
} from '../src/digitoll/errors';
import { FAILURE_TYPES, NON_RETRYABLE_FAILURE_TYPES } from './failure-types';
import { isRequestIdReused } from './outcomes';

/** Turns a Customs client error into an ApplicationFailure; anything else is returned unchanged. */
export function toApplicationFailure(error: unknown): unknown {
  if (!(error instanceof DigitollError)) return error;
  const type = error.code;
  const details: unknown[] = [];
  if (error instanceof ValidationRejected) details.push(error.validationErrors);
  if (error instanceof UnexpectedResponse) details.push(error.issues);
  return ApplicationFailure.create({
    type,
    message: error.message,
    nonRetryable: NON_RETRYABLE_FAILURE_TYPES.includes(type),
    details,
    // A validation status that is not ready yet is the normal case: keep it out of error logs and metrics.
    category: type === FAILURE_TYPES.notReady ? ApplicationFailureCategory.BENIGN : undefined,
    nextRetryDelay: error instanceof RateLimited ? error.retryAfterMs : undefined,
  });
}

/** The running activity's context, or undefined outside an activity (unit tests call activities directly). */
function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

/**
 * Calls that last longer than this heartbeat: a cancellation reaches an activity only in the answer
 * to a heartbeat, and attempts scheduled with a heartbeat timeout (before the Customs calls dropped
 * it) still need one within it.
 */
const HEARTBEAT_EVERY_MS = 2_000;

/**
 * Runs `fn` (Customs calls) so that its requests are aborted with the activity attempt, keeps a
 * long call's heartbeat going, and maps whatever the Customs client throws. Short calls send no
 * heartbeat at all (no extra round trip to Temporal). An activity that heartbeats its own progress
 * details passes `heartbeat: false`, so these beats do not replace its details.
 */
export async function mapCustomsErrors<T>(
  fn: () => Promise<T>,
  options: { heartbeat?: boolean } = {},
): Promise<T> {
  const context = activityContext();
  const beat =
    context && options.heartbeat !== false
      ? setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS)
      : undefined;
  try {
    return await withCallSignal(context?.cancellationSignal, fn);
  } catch (error) {
    throw toApplicationFailure(error);
  } finally {
    if (beat) clearInterval(beat);
  }
}

// Answers that read the same for every level (house, transport, master, presentation).

function isHttpNotFound(error: unknown): boolean {
  return error instanceof UnexpectedResponse && error.status === 404;
}

/** A read whose 404 means "not known yet" (just registered): NotReady, asked again by policy. */
export async function notFoundIsNotReady<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw isHttpNotFound(error) ? new NotReady(what) : error;
  }
}

/** DELETE by MRN; a 404 means Customs no longer holds it, which is what a DELETE wants. */
export function deleteByMrn(
  remove: () => Promise<{ requestId: string }>,
): Promise<{ requestId?: string; alreadyDeleted: boolean }> {
  return mapCustomsErrors(async () => {
    try {
      const { requestId } = await remove();
      return { requestId, alreadyDeleted: false };
    } catch (error) {
      if (isHttpNotFound(error)) return { alreadyDeleted: true };
      throw error;
    }
  });
}

/** One presentation POST; a reused requestId means an earlier try of it was stored. */
export function presentOnce(
  requestId: string,
  present: () => Promise<unknown>,
): Promise<{ requestId: string; alreadyAccepted: boolean }> {
  return mapCustomsErrors(async () => {
    try {
      await present();
      return { requestId, alreadyAccepted: false };
    } catch (error) {
      if (error instanceof ValidationRejected && isRequestIdReused(error.validationErrors)) {
        return { requestId, alreadyAccepted: true };
      }
      throw error;
    }
  });
}
