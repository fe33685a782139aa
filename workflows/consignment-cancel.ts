// Cancellation at Customs: DELETE whatever Customs holds for this house, and make sure it is gone
// before the consignment says CANCELLED. Runs in a non-cancellable scope.
import type { ConsignmentState } from './consignment-state';
import type { Steps } from './customs-steps';

export async function cancelAtCustoms(c: ConsignmentState, steps: Steps): Promise<void> {
  c.setPhase('CANCELLING');
  c.clearAttention();
  const mrn = c.status.mrn ?? (c.submitted ? await mrnOfSubmission(c, steps) : undefined);
  if (mrn) await deleteAtCustoms(c, steps, mrn);
  c.setPhase('CANCELLED');
}

/**
 * A POST was sent but its MRN is not known yet. Its validation answer is the reliable source
 * (a look-up by document number may not find a house Customs has not processed yet); the
 * look-up is the fallback when there is no requestId or the answer was "already in use".
 */
async function mrnOfSubmission(c: ConsignmentState, steps: Steps): Promise<string | undefined> {
  // Only a requestId this POST's own answer gave: an older one would tell of another submission.
  const requestId = c.submissionRequestId;
  if (requestId) {
    const outcome = await steps.awaitValidation(requestId);
    if (outcome.status === 'SUCCESS') {
      c.status.mrn = outcome.mrn;
      return outcome.mrn;
    }
    if (!outcome.alreadyInUse) return undefined;
  }
  const mrn = await steps.findMrn();
  if (mrn) c.status.mrn = mrn;
  return mrn;
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
