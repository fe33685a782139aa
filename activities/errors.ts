// The one place where errors of the Customs client become Temporal failures. The failure `type`
// is the error's stable `code`, never its class name, so workflows decide by meaning.
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { FAILURE_TYPES, NON_RETRYABLE_FAILURE_TYPES } from './failure-types';

interface CodedError extends Error {
  code: string;
  retryAfterMs?: number;
  validationErrors?: unknown;
  issues?: unknown;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(FAILURE_TYPES));

function isCodedError(error: unknown): error is CodedError {
  return (
    error instanceof Error &&
    typeof (error as Partial<CodedError>).code === 'string' &&
    KNOWN_CODES.has((error as CodedError).code)
  );
}

/** Turns a Customs client error into an ApplicationFailure; anything else is rethrown unchanged. */
export function toApplicationFailure(error: unknown): unknown {
  if (error instanceof ApplicationFailure || !isCodedError(error)) return error;
  const type = error.code;
  const details: unknown[] = [];
  if (error.validationErrors !== undefined) details.push(error.validationErrors);
  else if (error.issues !== undefined) details.push(error.issues);
  return ApplicationFailure.create({
    type,
    message: error.message,
    nonRetryable: NON_RETRYABLE_FAILURE_TYPES.includes(type),
    details,
    // A validation status that is not ready yet is the normal case: keep it out of error logs and metrics.
    category: type === FAILURE_TYPES.notReady ? ApplicationFailureCategory.BENIGN : undefined,
    nextRetryDelay:
      type === FAILURE_TYPES.rateLimited && typeof error.retryAfterMs === 'number'
        ? error.retryAfterMs
        : undefined,
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
