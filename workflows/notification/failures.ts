// How a failed Customs step reads to a person: the issues of a 400, the business deadline, and
// whether a problem parks for good (until `retry`) or only until time may have cured it. One
// reading for every level (house, master, transport, presentation), so the same failure always
// gives the same reason.
import { RetryState } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/workflow';
import { FAILURE_TYPES } from '../../activities/failure-types';

/** One issue of a 400 as Customs gave it: the field's path ('' for the request) and the error. */
export interface RejectedIssue {
  path: string;
  message: string;
}

/** The business deadline (a workflow timer) passed before Customs answered. */
export class DeadlinePassed extends Error {
  override readonly name = 'DeadlinePassed';
  readonly code = 'DEADLINE_PASSED';
}

/**
 * Thrown out of a park when its target's `parkInterrupt` says something more important happened
 * (a routing that makes the step moot, a cancel); the step is abandoned.
 */
export class ParkInterrupted extends Error {
  override readonly name = 'ParkInterrupted';
  readonly code = 'PARK_INTERRUPTED';
}

/** Failure types that time alone may cure: the park ends by itself after a cool-down. */
const TRANSIENT_TYPES: ReadonlySet<string | undefined> = new Set([
  FAILURE_TYPES.unavailable,
  FAILURE_TYPES.rateLimited,
  FAILURE_TYPES.notReady,
]);

/** The ValidationRejected failure (a 400) of any step, as the list of issues Customs gave. */
export function rejectedIssues(error: unknown): RejectedIssue[] | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  if (!(cause instanceof ApplicationFailure) || cause.type !== FAILURE_TYPES.validationRejected)
    return undefined;
  const list = Array.isArray(cause.details?.[0])
    ? (cause.details[0] as Array<{ field?: string; error?: string }>)
    : [];
  return list.map((e) => ({ path: e.field ?? '', message: e.error ?? 'invalid' }));
}

export interface ParkReason {
  reason: string;
  /** Deadline, 5xx storm, timeouts: tried again by itself after the cool-down. */
  transient: boolean;
}

/** Why a failed step needs a park, or undefined when the failure is not ours to park (a bug). */
export function parkReason(error: unknown, what: string): ParkReason | undefined {
  if (error instanceof DeadlinePassed) {
    return { reason: `${what}: Customs did not answer before the deadline`, transient: true };
  }
  if (!(error instanceof ActivityFailure)) return undefined;
  const cause = error.cause;
  const type = cause instanceof ApplicationFailure ? cause.type : undefined;
  if (type === FAILURE_TYPES.validationRejected) {
    const issues = (rejectedIssues(error) ?? []).map((i) => `${i.path || '(request)'}: ${i.message}`);
    const reason = `${what}: Customs rejected the request (400: ${issues.join('; ') || 'no details'}); signal retry after fixing`;
    return { reason, transient: false };
  }
  if (type === FAILURE_TYPES.unauthorized) {
    const reason = `${what}: Customs refused our credentials (check the Maskinporten client and scopes); signal retry after fixing`;
    return { reason, transient: false };
  }
  if (error.retryState === RetryState.TIMEOUT || cause instanceof TimeoutFailure) {
    const last = type ?? cause?.message ?? 'timeout';
    return { reason: `${what}: Customs did not answer in time (last: ${last})`, transient: true };
  }
  const reason = `${what}: ${type ?? 'failure'}: ${cause?.message ?? error.message}`;
  return TRANSIENT_TYPES.has(type ?? undefined)
    ? { reason, transient: true }
    : { reason: `${reason}; signal retry to try again`, transient: false };
}
