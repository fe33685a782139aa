// The one place where errors of the Customs client become Temporal failures. The failure `type`
// is the error's stable `code`, never its class name, so workflows decide by meaning.
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { DigitollError, RateLimited, UnexpectedResponse, ValidationRejected } from '../src/digitoll/errors';
import { FAILURE_TYPES, NON_RETRYABLE_FAILURE_TYPES } from './failure-types';

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

/** Runs `fn` and maps whatever the Customs client throws. */
export async function mapCustomsErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toApplicationFailure(error);
  }
}
