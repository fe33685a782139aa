// One durable workflow per house consignment (DESIGN.md "The consignment workflow"): notify,
// await validation, correct, present on arrival, follow routing. Business problems park the
// consignment with a reason; only a bug fails the workflow.
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  isCancellation,
  uuid4,
} from '@temporalio/workflow';
import { ConsignmentState } from './consignment-state';
import { registerHandlers } from './consignment-handlers';
import { customsSteps, type Steps } from './customs-steps';
import type { ConsignmentInput, ConsignmentResult, ValidationIssue } from './messages';

export async function consignmentWorkflow(input: ConsignmentInput): Promise<ConsignmentResult> {
  const c = new ConsignmentState(input);
  const flow = new CancellationScope();
  registerHandlers(c, flow);
  const steps = customsSteps(c);
  try {
    await flow.run(() => lifecycle(c, steps));
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
  await obtainMrn(c, steps);
  await completeDocumentation(c, steps);
  await awaitArrival(c, steps);
  await followRouting(c);
}

/** POST until Customs registers the house (or says it already has it). */
async function obtainMrn(c: ConsignmentState, steps: Steps): Promise<void> {
  while (!c.status.mrn) {
    c.setPhase('SUBMITTING');
    const sent = await steps.send();
    if ('rejected' in sent) {
      await parkForCorrection(c, 'REJECTED', sent.rejected, 'Customs rejected the document (400)');
      continue;
    }
    c.submitted = true;
    c.status.requestId = sent.requestId;
    c.setPhase('AWAITING_VALIDATION');
    const outcome = await steps.awaitValidation(sent.requestId);
    if (outcome.status === 'SUCCESS') {
      c.status.mrn = outcome.mrn;
      c.status.validationErrors = [];
      return;
    }
    // A retried POST whose first attempt was stored: the house is ours, recover its MRN.
    if (outcome.alreadyInUse && (await recoverMrn(c, steps))) return;
    await parkForCorrection(
      c,
      'REJECTED',
      outcome.validationErrors,
      'Customs rejected the document (FAILURE)',
    );
  }
}

async function recoverMrn(c: ConsignmentState, steps: Steps): Promise<boolean> {
  const { documentNumber, type } = c.status;
  const found = await steps.guarded('Look-up of the registered house', () =>
    steps.customs.findRegisteredHouse.executeWithOptions({ ...steps.base, summary: 'Recover the MRN' }, [
      { mode: c.input.mode, documentNumber, type },
    ]),
  );
  if (!found.mrn) return false;
  c.status.mrn = found.mrn;
  c.status.validationErrors = [];
  return true;
}

/** Checks the document status; while INCOMPLETE, waits for a correction and PUTs it. */
async function completeDocumentation(c: ConsignmentState, steps: Steps): Promise<void> {
  for (;;) {
    const mrn = c.status.mrn as string;
    const doc = await steps.guarded('Document status', () =>
      steps.customs.checkDocumentStatus.executeWithOptions(
        { ...steps.base, summary: 'Check the document status' },
        [{ mode: c.input.mode, mrn }],
      ),
    );
    c.status.incompleteReasons = doc.incompleteReasons;
    if (doc.documentStatus === 'SUCCESS') {
      c.setPhase('REGISTERED');
      return;
    }
    await parkForCorrection(c, 'INCOMPLETE', [], 'Customs registered the house as INCOMPLETE');
    await putUntilValidated(c, steps);
  }
}

async function putUntilValidated(c: ConsignmentState, steps: Steps): Promise<void> {
  for (;;) {
    const sent = await steps.send();
    if ('rejected' in sent) {
      await parkForCorrection(
        c,
        'INCOMPLETE',
        sent.rejected,
        'Customs rejected the corrected document (400)',
      );
      continue;
    }
    c.status.requestId = sent.requestId;
    c.setPhase('AWAITING_VALIDATION');
    const outcome = await steps.awaitValidation(sent.requestId);
    if (outcome.status === 'SUCCESS') {
      c.status.validationErrors = [];
      return;
    }
    await parkForCorrection(
      c,
      'INCOMPLETE',
      outcome.validationErrors,
      'Customs rejected the corrected document',
    );
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
  c.document = c.pendingCorrection!.document;
  c.pendingCorrection = undefined;
  c.clearAttention();
}

/** Waits for the arrival (or a routing that shows Customs presented it itself); presents when asked to. */
async function awaitArrival(c: ConsignmentState, steps: Steps): Promise<void> {
  await condition(() => c.arrival !== undefined || c.routingVersion > 0);
  const office = c.arrival?.customsOfficeOfPresentation ?? c.input.presentation?.customsOfficeOfPresentation;
  if (c.arrival && office && c.routingVersion === 0) {
    c.setPhase('PRESENTING');
    await present(c, steps, office);
  }
  c.setPhase('AWAITING_ROUTING');
}

async function present(c: ConsignmentState, steps: Steps, office: string): Promise<void> {
  for (;;) {
    // Generated here, before the activity, so every retry of the activity sends the same one.
    const requestId = uuid4();
    c.status.presentationRequestId = requestId;
    const { documentNumber, type } = c.status;
    const input = { requestId, customsOfficeOfPresentation: office, documentNumber, type };
    await steps.guarded('Presentation', () =>
      steps.customs.presentHouse.executeWithOptions({ ...steps.base, summary: `Present at ${office}` }, [
        input,
      ]),
    );
    const result = await steps.guarded('Presentation validation', () =>
      steps.customs.checkPresentation.executeWithOptions({ ...steps.base, summary: 'Poll presentation' }, [
        { requestId },
      ]),
    );
    if (result.status === 'SUCCESS') return;
    c.park(`Presentation refused: ${result.messages.join('; ')}; signal retry to present again`);
    c.retryRequested = false;
    await condition(() => c.retryRequested || c.routingVersion > 0);
    c.retryRequested = false;
    c.clearAttention();
    if (c.routingVersion > 0) return;
  }
}

/** The latest routing wins: TO_ENTRY releases, ENTRY_DENIED ends, the others wait for the next one. */
async function followRouting(c: ConsignmentState): Promise<void> {
  let applied = 0;
  for (;;) {
    await condition(() => c.routingVersion > applied);
    applied = c.routingVersion;
    const routing = c.status.routing!.routing;
    c.clearAttention();
    if (routing === 'TO_ENTRY') return c.setPhase('RELEASED');
    if (routing === 'ENTRY_DENIED') return c.setPhase('DENIED');
    c.setPhase(routing);
    if (routing === 'ENTRY_PENDING')
      c.park('Customs reports deficiencies (ENTRY_PENDING): correct them and hold the goods');
  }
}

/** DELETE at Customs when the house is registered there; runs in a non-cancellable scope. */
async function cancelAtCustoms(c: ConsignmentState, steps: Steps): Promise<void> {
  c.setPhase('CANCELLING');
  c.clearAttention();
  // A POST accepted before the MRN was known may still have registered the house.
  if (!c.status.mrn && c.submitted) await recoverMrn(c, steps);
  const mrn = c.status.mrn;
  if (mrn) {
    const documentIssueDate = String((c.document as { documentIssueDate?: unknown }).documentIssueDate ?? '');
    const sent = await steps.guarded('DELETE', () =>
      steps.customs.deleteConsignment.executeWithOptions({ ...steps.base, summary: `DELETE ${mrn}` }, [
        { mode: c.input.mode, mrn, documentIssueDate },
      ]),
    );
    c.status.requestId = sent.requestId;
    const outcome = await steps.awaitValidation(sent.requestId);
    if (outcome.status === 'FAILURE') c.status.validationErrors = outcome.validationErrors;
  }
  c.setPhase('CANCELLED');
}
