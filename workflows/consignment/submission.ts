// One PUT of the current document and the wait for its validation, shared by the INCOMPLETE
// correction loop and corrections while Customs holds the goods (ENTRY_PENDING).
import { ApplicationFailure } from '@temporalio/workflow';
import type { IncompleteReasonView, ValidationOutcome } from '../../activities';
import type { ConsignmentState } from './state';
import type { Steps } from '../notification/customs-steps';
import type { ValidationIssue } from './messages';

/** The document status as Customs last told it. */
export interface DocStatus {
  documentStatus: 'SUCCESS' | 'INCOMPLETE';
  incompleteReasons: IncompleteReasonView[];
}

export type PutResult = { doc?: DocStatus } | { rejected: ValidationIssue[]; why: string };

/** The document status carried by a validation SUCCESS, when Customs sent one. */
export function docStatusOf(outcome: ValidationOutcome): DocStatus | undefined {
  if (outcome.status !== 'SUCCESS' || !outcome.documentStatus) return undefined;
  return { documentStatus: outcome.documentStatus, incompleteReasons: outcome.incompleteReasons };
}

/** Makes the waiting correction the current document. */
export function takeCorrection(c: ConsignmentState): void {
  c.document = c.pendingCorrection!.document;
  c.pendingCorrection = undefined;
  c.clearAttention();
}

/**
 * PUTs the current document with the MRN and waits for its validation. The phase leaves the
 * correctable ones before the PUT is sent, so a correction arriving meanwhile is refused by the
 * validator with a clear reason instead of being accepted and never sent.
 */
export async function putOnce(c: ConsignmentState, steps: Steps): Promise<PutResult> {
  await steps.awaitMrn('to send the correction with a PUT');
  c.setPhase('SUBMITTING');
  const sent = await steps.send();
  if ('rejected' in sent)
    return { rejected: sent.rejected, why: 'Customs rejected the corrected document (400)' };
  // Only a POST can answer that Customs already holds the house; a PUT names it by MRN.
  if ('held' in sent) throw ApplicationFailure.nonRetryable('a PUT was answered as a POST');
  c.setPhase('AWAITING_VALIDATION');
  const outcome = await steps.awaitValidation(sent.requestId);
  if (outcome.status === 'FAILURE') {
    return { rejected: outcome.validationErrors, why: 'Customs rejected the corrected document' };
  }
  c.status.validationErrors = [];
  return { doc: docStatusOf(outcome) };
}
