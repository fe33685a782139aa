// Cancellation at Customs: DELETE whatever Customs holds for this house, and make sure it is gone
// before the consignment says CANCELLED. Runs in a non-cancellable scope.
import { condition } from '@temporalio/workflow';
import type { ConsignmentState } from './state';
import { ParkInterrupted, type Steps } from '../notification/customs-steps';

/**
 * Returns false when the cancel could not take effect before Customs routed the goods (a refused
 * DELETE parked, then routing came: the goods are at the border and routing decides now).
 */
export async function cancelAtCustoms(c: ConsignmentState, steps: Steps): Promise<boolean> {
  c.together(() => {
    c.setPhase('CANCELLING');
    c.clearAttention();
  });
  const routings = c.routingVersion;
  c.parkInterrupt = () => c.routingVersion !== routings;
  try {
    const mrn = c.status.mrn ?? (c.submitted ? await mrnOfSubmission(c, steps) : undefined);
    if (mrn) await deleteAtCustoms(c, steps, mrn);
  } catch (error) {
    if (!(error instanceof ParkInterrupted)) throw error;
    return false;
  } finally {
    c.parkInterrupt = undefined;
  }
  c.setPhase('CANCELLED');
  return true;
}

/**
 * A POST was sent but its MRN is not known yet. Its validation answer is the reliable source; when
 * there is none, the documented status query by key says whether Customs holds the house. A house
 * Customs holds (or may hold) is deleted only with its MRN, which a person then supplies.
 */
async function mrnOfSubmission(c: ConsignmentState, steps: Steps): Promise<string | undefined> {
  // Only a requestId this POST's own answer gave: an older one would tell of another submission.
  const requestId = c.submissionRequestId;
  if (requestId && !c.status.mrnUnknown) {
    const outcome = await steps.awaitValidation(requestId);
    if (outcome.status === 'SUCCESS') {
      c.status.mrn = outcome.mrn;
      return outcome.mrn;
    }
    if (!outcome.alreadyInUse) return undefined;
    c.markMrnUnknown();
  } else if (!c.status.mrnUnknown) {
    const known = await steps.lookUpHouse();
    if (known.kind === 'absent') return undefined;
    if (known.kind === 'unavailable') return mrnOrNone(c);
    c.markMrnUnknown();
  }
  await steps.awaitMrn('to cancel the house at Customs with a DELETE');
  return c.status.mrn;
}

/**
 * Customs cannot say whether it holds the house: a person decides. The MRN (provideMrn) deletes
 * it; `retry` ends the cancel without a DELETE (Customs drops an unlinked house after 30 days).
 */
async function mrnOrNone(c: ConsignmentState): Promise<string | undefined> {
  c.mrnWanted = true;
  c.park(
    'Cancel: a POST may have reached Customs, and Customs cannot tell whether it holds this house (the query by key is unavailable): supply its MRN with provideMrn to DELETE it, or signal retry to cancel without a DELETE',
  );
  const interrupt = c.parkInterrupt;
  await condition(() => c.status.mrn !== undefined || c.retryRequested || (interrupt?.() ?? false));
  c.retryRequested = false;
  c.mrnWanted = false;
  c.clearAttention();
  if (c.status.mrn) return c.status.mrn;
  if (interrupt?.()) throw new ParkInterrupted('cancel overtaken by routing');
  return undefined;
}

/** DELETE until Customs confirms the house is gone; a refusal parks (NeedsAttention) until retry. */
async function deleteAtCustoms(c: ConsignmentState, steps: Steps, mrn: string): Promise<void> {
  const documentIssueDate = String((c.document as { documentIssueDate?: unknown }).documentIssueDate ?? '');
  for (;;) {
    const sent = await steps.guarded('DELETE', () =>
      steps.customs.deleteConsignment.executeWithOptions({ ...steps.base, summary: `DELETE ${mrn}` }, [
        { mode: c.input.mode, mrn, documentIssueDate },
      ]),
    );
    if (sent.alreadyDeleted || !sent.requestId) return;
    c.status.requestId = sent.requestId;
    const outcome = await steps.awaitValidation(sent.requestId);
    // "Not found" after a DELETE whose first answer was lost: the house is gone, as wanted.
    if (outcome.status === 'SUCCESS' || outcome.notFound) {
      c.status.validationErrors = [];
      return;
    }
    c.status.validationErrors = outcome.validationErrors;
    const why = outcome.validationErrors.map((e) => e.message).join('; ');
    await steps.parkUntilRetry(
      `Customs refused the DELETE (${why}); the house is still registered: signal retry to send it again`,
    );
  }
}
