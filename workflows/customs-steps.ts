// Calls to Customs as the consignment workflow makes them: activity options, the validation wait
// and the parking of problems that retrying cannot fix.
import { RetryState } from '@temporalio/common';
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  condition,
  isCancellation,
  proxyActivities,
  sleep,
  TimeoutFailure,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { DigitollActivities, ValidationOutcome } from '../activities';
import { FAILURE_TYPES } from '../activities/failure-types';
import { DIGITOLL_ACTIVITY_TASK_QUEUE } from '../src/shared';
import type { ConsignmentState } from './consignment-state';
import type { ValidationIssue } from './messages';

export type Steps = ReturnType<typeof customsSteps>;

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

/** Why a failed step needs a person, or undefined when the failure is not ours to park. */
function operatorReason(error: unknown, what: string): string | undefined {
  if (!(error instanceof ActivityFailure)) return undefined;
  const cause = error.cause;
  const type = cause instanceof ApplicationFailure ? cause.type : undefined;
  if (type === FAILURE_TYPES.validationRejected) {
    const issues = (rejectedIssues(error) ?? []).map((i) => `${i.path || '(request)'}: ${i.message}`);
    return `${what}: Customs rejected the request (400: ${issues.join('; ') || 'no details'}); signal retry after fixing`;
  }
  if (error.retryState === RetryState.TIMEOUT || cause instanceof TimeoutFailure) {
    return `${what}: Customs did not answer before the deadline (last: ${type ?? cause?.message ?? 'timeout'}); signal retry to try again`;
  }
  if (type === FAILURE_TYPES.unauthorized) {
    return `${what}: Customs refused our credentials (check the Maskinporten client and scopes); signal retry after fixing`;
  }
  return `${what}: ${type ?? 'failure'}: ${cause?.message ?? error.message}; signal retry to try again`;
}

export function customsSteps(c: ConsignmentState) {
  const t = c.timings;
  const base: ActivityOptions = {
    taskQueue: c.input.digitollTaskQueue ?? DIGITOLL_ACTIVITY_TASK_QUEUE,
    startToCloseTimeout: '30s',
    // Network trouble and 5xx are retried until the deadline; then the consignment parks.
    scheduleToCloseTimeout: t.validationDeadline,
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' },
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
        const reason = operatorReason(error, what);
        if (reason === undefined) throw error;
        await parkUntilRetry(reason);
      }
    }
  }

  /** Parks with `reason` until an operator signals retry (or the park is interrupted). */
  async function parkUntilRetry(reason: string): Promise<void> {
    c.park(reason);
    c.retryRequested = false;
    const interrupt = c.parkInterrupt;
    await condition(() => c.retryRequested || (interrupt?.() ?? false));
    const retried = c.retryRequested;
    c.retryRequested = false;
    c.clearAttention();
    if (!retried) throw new ParkInterrupted(`${reason} (interrupted)`);
  }

  /** The MRN Customs holds for this house (looked up by document number), if any. */
  async function findMrn(): Promise<string | undefined> {
    const { documentNumber, type } = c.status;
    const found = await guarded('Look-up of the registered house', () =>
      customs.findRegisteredHouse.executeWithOptions({ ...base, summary: 'Recover the MRN' }, [
        { mode: c.input.mode, documentNumber, type },
      ]),
    );
    return found.mrn;
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
      customs.checkValidation.executeWithOptions({ ...poll, summary: `Poll validation of ${requestId}` }, [
        { mode: c.input.mode, requestId },
      ]),
    );
  }

  function documentStatus(mrn: string) {
    return guarded('Document status', () =>
      customs.checkDocumentStatus.executeWithOptions({ ...poll, summary: 'Check the document status' }, [
        { mode: c.input.mode, mrn },
      ]),
    );
  }

  /**
   * POST (no MRN) or PUT (MRN); a 400 comes back as the list of issues. The call itself is not
   * cancellable: once sent, its requestId must be known, or a cancel could leave a house behind.
   * A non-cancellable scope schedules its activity even under a cancelled parent, so a cancel
   * accepted before the call (same activation, or while parked) is checked here: nothing is sent.
   */
  async function send(): Promise<{ requestId: string } | { rejected: ValidationIssue[] }> {
    const mrn = c.status.mrn;
    const document = c.document as Record<string, unknown>;
    const call = () =>
      mrn
        ? customs.replaceConsignment.executeWithOptions(
            { ...base, summary: `PUT revision ${c.status.revision}` },
            [{ mode: c.input.mode, mrn, document }],
          )
        : customs.submitConsignment.executeWithOptions(
            { ...base, summary: `POST revision ${c.status.revision}` },
            [{ mode: c.input.mode, document }],
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
        c.status.requestId = sent.requestId;
        c.submissionRequestId = sent.requestId;
        if (!mrn) c.submitted = true;
        return sent;
      } catch (error) {
        const rejected = rejectedIssues(error);
        if (rejected) return { rejected };
        // Anything but a 400 may have reached Customs: a cancel must look for a house.
        if (!mrn) c.submitted = true;
        throw error;
      }
    });
  }

  return { customs, base, guarded, parkUntilRetry, findMrn, awaitValidation, documentStatus, send };
}
