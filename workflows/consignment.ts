// One durable workflow per house consignment (DESIGN.md "The consignment workflow"): notify,
// await validation, correct, present on arrival, follow routing. Business problems park the
// consignment with a reason; only a bug fails the workflow.
import { allHandlersFinished, CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import { awaitArrival, followRouting } from './consignment-arrival';
import { cancelAtCustoms } from './consignment-cancel';
import { ConsignmentState } from './consignment-state';
import { registerHandlers } from './consignment-handlers';
import { docStatusOf, putOnce, takeCorrection, type DocStatus } from './consignment-submission';
import { customsSteps, type Steps } from './customs-steps';
import type { ConsignmentInput, ConsignmentResult, ValidationIssue } from './messages';

export async function consignmentWorkflow(input: ConsignmentInput): Promise<ConsignmentResult> {
  const c = new ConsignmentState(input);
  const flow = new CancellationScope();
  registerHandlers(c, flow);
  const steps = customsSteps(c);
  try {
    await flow.run(() => lifecycle(c, steps));
    c.cancelOvertaken();
  } catch (error) {
    if (!isCancellation(error)) throw error;
    await CancellationScope.nonCancellable(() => cancelAtCustoms(c, steps));
    // Temporal's own cancellation (no cancel message) ends the run as cancelled, as callers expect.
    if (!c.cancelRequest) {
      await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
      throw error;
    }
  }
  await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
  return c.result();
}

async function lifecycle(c: ConsignmentState, steps: Steps): Promise<void> {
  const known = await obtainMrn(c, steps);
  await completeDocumentation(c, steps, known);
  await awaitArrival(c, steps);
  await followRouting(c, steps);
}

/** POST until Customs registers the house (or says it already has it); returns what it said of the document. */
async function obtainMrn(c: ConsignmentState, steps: Steps): Promise<DocStatus | undefined> {
  while (!c.status.mrn) {
    c.setPhase('SUBMITTING');
    const sent = await steps.send();
    if ('rejected' in sent) {
      await parkForCorrection(c, 'REJECTED', sent.rejected, 'Customs rejected the document (400)');
      continue;
    }
    c.setPhase('AWAITING_VALIDATION');
    const outcome = await steps.awaitValidation(sent.requestId);
    if (outcome.status === 'SUCCESS') {
      c.status.mrn = outcome.mrn;
      c.status.validationErrors = [];
      return docStatusOf(outcome);
    }
    // A retried POST whose first attempt was stored: the house is ours, recover its MRN.
    if (outcome.alreadyInUse) {
      const mrn = await steps.findMrn();
      if (mrn) {
        c.status.mrn = mrn;
        c.status.validationErrors = [];
        return undefined;
      }
    }
    await parkForCorrection(
      c,
      'REJECTED',
      outcome.validationErrors,
      'Customs rejected the document (FAILURE)',
    );
  }
  return undefined;
}

/**
 * While the document is INCOMPLETE, waits for a correction and PUTs it. The validation answer
 * usually says the document status; only when it does not is the status asked for separately.
 */
async function completeDocumentation(
  c: ConsignmentState,
  steps: Steps,
  known: DocStatus | undefined,
): Promise<void> {
  let doc = known;
  for (;;) {
    doc ??= await steps.documentStatus(c.status.mrn as string);
    c.status.incompleteReasons = doc.incompleteReasons;
    if (doc.documentStatus === 'SUCCESS') {
      c.setPhase('REGISTERED');
      return;
    }
    await parkForCorrection(c, 'INCOMPLETE', [], 'Customs registered the house as INCOMPLETE');
    doc = await putUntilValidated(c, steps);
  }
}

async function putUntilValidated(c: ConsignmentState, steps: Steps): Promise<DocStatus | undefined> {
  for (;;) {
    const put = await putOnce(c, steps);
    if ('rejected' in put) {
      await parkForCorrection(c, 'INCOMPLETE', put.rejected, put.why);
      continue;
    }
    // Validators refuse corrections while a PUT is under way; should one slip in, send it too.
    if (c.pendingCorrection) {
      takeCorrection(c);
      continue;
    }
    return put.doc;
  }
}

/** Parks in `phase` until a correction arrives, then makes it the current document. */
async function parkForCorrection(
  c: ConsignmentState,
  phase: 'REJECTED' | 'INCOMPLETE',
  errors: ValidationIssue[],
  why: string,
): Promise<void> {
  if (errors.length > 0) c.status.validationErrors = errors;
  c.setPhase(phase);
  const reason = `${why}: send a correction`;
  c.park(reason);
  const arrived = await condition(() => c.pendingCorrection !== undefined, c.timings.correctionWait, {
    summary: 'Wait for a correction',
  });
  if (!arrived) {
    c.park(`${reason} (overdue: Customs drops unlinked consignments 30 days after their last update)`);
    await condition(() => c.pendingCorrection !== undefined);
  }
  takeCorrection(c);
}
