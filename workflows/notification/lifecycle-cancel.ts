// The cancel path of the shared lifecycle: CANCELLING -> DELETE with the MRN, polled like a POST
// -> CANCELLED. A notification Customs never held is cancelled without a call.
import { condition } from '@temporalio/workflow';
import { workflowNow } from './clock';
import type { NotificationLifecycle } from './lifecycle';

/**
 * Customs holds the notification but its MRN is unknown: a DELETE needs it. A person supplies it
 * (provideMrn), or signals retry to end here without a DELETE (Customs then keeps it until its own limit).
 */
async function awaitMrnToDelete<D extends object>(lc: NotificationLifecycle<D>): Promise<void> {
  const level = lc.status.level;
  lc.retryRequested = false;
  lc.park(
    `Cancel: Customs holds this ${level} but its MRN is unknown: supply it with provideMrn to DELETE it, or signal retry to cancel without a DELETE`,
  );
  await condition(() => lc.status.mrn !== undefined || lc.retryRequested);
  lc.retryRequested = false;
  lc.clearAttention();
}

export async function cancelNotification<D extends object>(lc: NotificationLifecycle<D>): Promise<void> {
  const { status } = lc;
  status.cancelReason = lc.cancelRequest?.reason;
  lc.clearAttention();
  const posted = lc.postAwaitingValidation;
  if (!status.mrn && posted) {
    // The POST may have registered it: its validation names the MRN to delete.
    const outcome = await lc.awaitValidation(posted, 'Validation', false);
    if (outcome.status === 'SUCCESS') status.mrn = outcome.mrn;
  }
  if (!status.mrn && lc.mrnUnknown) await awaitMrnToDelete(lc);
  const mrn = status.mrn;
  if (mrn) {
    lc.setPhase('CANCELLING');
    while (!(await deleted(lc, mrn))) {
      // Customs refused the DELETE: it still holds the notification, so this is not CANCELLED yet.
      await condition(() => lc.retryRequested);
      lc.retryRequested = false;
      lc.clearAttention();
    }
  }
  lc.setPhase('CANCELLED');
}

/** One DELETE and its validation; false (parked with Customs' reasons) when Customs refused it. */
async function deleted<D extends object>(lc: NotificationLifecycle<D>, mrn: string): Promise<boolean> {
  const issueDate = workflowNow().replace(/\.\d{3}Z$/, 'Z');
  const sent = await lc.guarded('DELETE', () => lc.calls.remove(mrn, issueDate), false);
  const requestId = sent.requestId;
  if (!requestId) return true;
  lc.status.requestId = requestId;
  const outcome = await lc.awaitValidation(requestId, 'Validation of the DELETE', false);
  if (outcome.status === 'SUCCESS' || outcome.notFound) return true;
  lc.status.validationIssues = outcome.issues;
  const reasons = outcome.issues.map((i) => `${i.path || '(document)'}: ${i.description}`).join('; ');
  lc.park(`Customs refused the DELETE: ${reasons}; signal retry to send it again`);
  return false;
}
