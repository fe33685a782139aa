// Calls to Customs as the consignment workflow makes them: activity options, the validation wait
// and the parking of problems that retrying cannot fix.
import { RetryState, type Duration } from '@temporalio/common';
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  sleep,
  TimeoutFailure,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { DigitollActivities, HeldHouse, ValidationOutcome } from '../../activities';
import { FAILURE_TYPES } from '../../activities/failure-types';
import { DIGITOLL_ACTIVITY_TASK_QUEUE } from '../../src/shared';
import { MRN_LOST, type ConsignmentState } from '../consignment/state';
import { PATCHES, type ValidationIssue } from '../consignment/messages';

export type Steps = ReturnType<typeof customsSteps>;

/** What a send gives back: a requestId to poll, a 400's issues, or a house Customs already holds. */
export type SendResult = { requestId: string } | { rejected: ValidationIssue[] } | { held: HeldHouse };

function carrierOf(document: unknown): string | undefined {
  const id = (
    document as {
      consignmentHouseLevel?: { consignmentMasterLevel?: { carrierIdentificationNumber?: unknown } };
    }
  )?.consignmentHouseLevel?.consignmentMasterLevel?.carrierIdentificationNumber;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Thrown out of a park when `ConsignmentState.parkInterrupt` says something more important
 * happened (a routing while a correction is being sent in ENTRY_PENDING); the step is abandoned.
 */
export class ParkInterrupted extends Error {
  override readonly name = 'ParkInterrupted';
  readonly code = 'PARK_INTERRUPTED';
}

/** The ValidationRejected failure (a 400) of any step, as the list of issues Customs gave. */
export function rejectedIssues(error: unknown): ValidationIssue[] | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  if (!(cause instanceof ApplicationFailure) || cause.type !== FAILURE_TYPES.validationRejected)
    return undefined;
  const list = Array.isArray(cause.details?.[0])
    ? (cause.details[0] as Array<{ field?: string; error?: string }>)
    : [];
  return list.map((e) => ({ path: e.field ?? '', message: e.error ?? 'invalid' }));
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

interface ParkReason {
  reason: string;
  /** Deadline, 5xx storm, timeouts: tried again by itself after the cool-down. */
  transient: boolean;
}

/** Why a failed step needs a park, or undefined when the failure is not ours to park. */
function operatorReason(error: unknown, what: string): ParkReason | undefined {
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

export function customsSteps(c: ConsignmentState) {
  const t = c.timings;
  // Each call is bounded by its own attempts, never by time spent queued behind our rate limit;
  // a heartbeat (sent by calls that last) lets a lost worker's attempt be retried within seconds.
  const base: ActivityOptions = {
    taskQueue: c.input.digitollTaskQueue ?? DIGITOLL_ACTIVITY_TASK_QUEUE,
    startToCloseTimeout: '30s',
    heartbeatTimeout: '6s',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 8 },
  };
  const customs = proxyActivities<DigitollActivities>(base);

  /** Runs a step; problems retrying cannot fix park the consignment until a `retry` signal. */
  async function guarded<T>(what: string, step: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await step();
      } catch (error) {
        // A cancelled step is not a problem for a person: the cancellation path takes over.
        if (isCancellation(error)) throw error;
        const park = operatorReason(error, what);
        if (park === undefined) throw error;
        await parkUntilRetry(park.reason, park.transient ? t.transientCoolDown : undefined);
      }
    }
  }

  /**
   * Parks with `reason` until an operator signals retry (or the park is interrupted); a park for a
   * transient cause also ends by itself after `coolDown`.
   */
  async function parkUntilRetry(reason: string, coolDown?: Duration): Promise<void> {
    c.park(
      coolDown === undefined
        ? reason
        : `${reason}; tries again by itself in ${String(coolDown)}, or signal retry`,
    );
    // A retry sent while the failing step was still being tried counts for this park.
    const interrupt = c.parkInterrupt;
    const woken = () => c.retryRequested || (interrupt?.() ?? false);
    const early =
      coolDown === undefined ? await condition(woken).then(() => true) : await condition(woken, coolDown);
    const interrupted = early && !c.retryRequested;
    c.retryRequested = false;
    c.clearAttention();
    if (interrupted) throw new ParkInterrupted(`${reason} (interrupted)`);
  }

  /** Runs a poll under the business deadline, a workflow timer (time queued behind our rate limit counts for nothing else). */
  async function withinDeadline<T>(call: () => Promise<T>): Promise<T> {
    if (!patched(PATCHES.deadlineTimer)) return call();
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

  /** The documented document-status query by key: does Customs hold this house? (No MRN in it.) */
  function lookUpHouse() {
    const { documentNumber, type } = c.status;
    const carrierId = carrierOf(c.document);
    return guarded('Document status by key', () =>
      customs.lookUpHouse.executeWithOptions(
        { ...base, summary: 'Ask Customs whether it holds this house' },
        [{ mode: c.input.mode, documentNumber, type, carrierId }],
      ),
    );
  }

  /**
   * Waits until a person supplies the MRN of a house Customs holds (provideMrn), showing why it
   * is needed; ends early, like any park, when the park is interrupted by something more important.
   */
  async function awaitMrn(why: string): Promise<void> {
    if (c.status.mrn) return;
    c.park(`${MRN_LOST} (needed ${why})`);
    const interrupt = c.parkInterrupt;
    await condition(() => c.status.mrn !== undefined || (interrupt?.() ?? false));
    c.clearAttention();
    if (!c.status.mrn) throw new ParkInterrupted(`waiting for the MRN ${why} (interrupted)`);
  }

  // Polls whose 404 means "not yet": Temporal's retry policy does the waiting, under the deadline.
  const poll: ActivityOptions = {
    ...base,
    retry: {
      initialInterval: t.pollInitialInterval,
      backoffCoefficient: t.pollBackoff,
      maximumInterval: t.pollMaxInterval,
    },
  };

  async function awaitValidation(requestId: string): Promise<ValidationOutcome> {
    await sleep(t.firstValidationDelay, { summary: 'Customs asks to wait before the first validation poll' });
    return guarded('Validation', () =>
      withinDeadline(() =>
        customs.checkValidation.executeWithOptions({ ...poll, summary: `Poll validation of ${requestId}` }, [
          { mode: c.input.mode, requestId },
        ]),
      ),
    );
  }

  function documentStatus(mrn: string) {
    return guarded('Document status', () =>
      withinDeadline(() =>
        customs.checkDocumentStatus.executeWithOptions({ ...poll, summary: 'Check the document status' }, [
          { mode: c.input.mode, mrn },
        ]),
      ),
    );
  }

  /**
   * POST (no MRN) or PUT (MRN); a 400 comes back as the list of issues. The call itself is not
   * cancellable: once sent, its requestId must be known, or a cancel could leave a house behind.
   * A non-cancellable scope schedules its activity even under a cancelled parent, so a cancel
   * accepted before the call (same activation, or while parked) is checked here: nothing is sent.
   */
  async function send(): Promise<SendResult> {
    const mrn = c.status.mrn;
    // A house Customs already holds is never POSTed again: its correction waits for the MRN.
    if (!mrn && c.status.mrnUnknown)
      throw ApplicationFailure.nonRetryable('send without the MRN of a held house');
    const document = c.document as Record<string, unknown>;
    const mayExist = c.ambiguousPost || undefined;
    const call = (): Promise<SendResult> =>
      mrn
        ? customs.replaceConsignment.executeWithOptions(
            { ...base, summary: `PUT revision ${c.status.revision}` },
            [{ mode: c.input.mode, mrn, document }],
          )
        : customs.submitConsignment.executeWithOptions(
            { ...base, summary: `POST revision ${c.status.revision}` },
            [{ mode: c.input.mode, document, mayExist }],
          );
    return guarded(mrn ? 'PUT' : 'POST', async () => {
      if (CancellationScope.current().consideredCancelled) {
        throw new CancelledFailure('cancelled before the document was sent');
      }
      // Only the answer of this very send may name the submission a cancel looks for.
      c.submissionRequestId = undefined;
      c.status.requestId = undefined;
      try {
        const sent = await CancellationScope.nonCancellable(call);
        if (!mrn) c.submitted = true;
        c.ambiguousPost = false;
        if (!('requestId' in sent)) return sent;
        c.status.requestId = sent.requestId;
        c.submissionRequestId = sent.requestId;
        return sent;
      } catch (error) {
        const rejected = rejectedIssues(error);
        if (rejected) return { rejected };
        // Anything but a 400 may have reached Customs: a cancel must look for a house, and the
        // next POST asks Customs by key first.
        if (!mrn) {
          c.submitted = true;
          c.ambiguousPost = true;
        }
        throw error;
      }
    });
  }

  return {
    customs,
    base,
    guarded,
    parkUntilRetry,
    lookUpHouse,
    awaitMrn,
    awaitValidation,
    documentStatus,
    send,
  };
}
