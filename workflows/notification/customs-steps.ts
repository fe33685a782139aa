// Calls to Customs as the consignment workflow makes them: the house's own calls (send, look-up
// by key, the MRN wait) on the step machinery every level shares (./steps.ts), bound to the
// house's state; the deadline timer stays behind its patch for the histories recorded before it.
import { type Duration } from '@temporalio/common';
import {
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  condition,
  patched,
  proxyActivities,
} from '@temporalio/workflow';
import type { DigitollActivities, HeldHouse, ValidationOutcome } from '../../activities';
import { MRN_LOST, type ConsignmentState } from '../consignment/state';
import { PATCHES, type ValidationIssue } from '../consignment/messages';
import { ParkInterrupted, rejectedIssues } from './failures';
import * as shared from './steps';

export { DeadlinePassed, ParkInterrupted, rejectedIssues } from './failures';

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

export function customsSteps(c: ConsignmentState) {
  const t = c.timings;
  const base = shared.customsActivityOptions(c.input.digitollTaskQueue);
  const customs = proxyActivities<DigitollActivities>(base);

  /** Runs a step; problems retrying cannot fix park the consignment until a `retry` signal. */
  const guarded = <T>(what: string, step: () => Promise<T>): Promise<T> =>
    shared.guarded(c, what, step, t.transientCoolDown);

  const parkUntilRetry = (reason: string, coolDown?: Duration): Promise<void> =>
    shared.parkUntilRetry(c, reason, coolDown);

  /**
   * The deadline: a lean run's polls carry it as their schedule-to-close timeout (no timer events);
   * other runs race a workflow timer when recorded after it came (earlier ones polled without it).
   */
  async function withinDeadline<T>(call: () => Promise<T>): Promise<T> {
    if (c.lean) return shared.withinScheduleToClose(t.validationDeadline, call);
    if (!patched(PATCHES.deadlineTimer)) return call();
    return shared.withinDeadline(t.validationDeadline, call);
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

  const poll = {
    ...shared.pollActivityOptions(base, t),
    ...(c.lean ? { scheduleToCloseTimeout: t.validationDeadline } : {}),
  };

  const awaitValidation = (requestId: string): Promise<ValidationOutcome> =>
    shared.awaitValidation(
      c,
      t,
      'Validation',
      () =>
        customs.checkValidation.executeWithOptions({ ...poll, summary: `Poll validation of ${requestId}` }, [
          { mode: c.input.mode, requestId },
        ]),
      withinDeadline,
    );

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
