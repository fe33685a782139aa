// One durable workflow per house consignment (DESIGN.md "The consignment workflow"): notify,
// await validation, correct, present on arrival, follow routing. Business problems park the
// consignment with a reason; only a bug fails the workflow.
import { allHandlersFinished, CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import { awaitArrival, followRouting } from './arrival';
import { cancelAtCustoms } from './cancel';
import { ConsignmentState, Expired } from './state';
import { registerHandlers } from './handlers';
import { docStatusOf, putOnce, takeCorrection, type DocStatus } from './submission';
import { customsSteps, type Steps } from '../notification/customs-steps';
import type { HeldHouse } from '../../activities';
import { PATCHES, type ConsignmentInput, type ConsignmentResult, type ValidationIssue } from './messages';

export async function consignmentWorkflow(input: ConsignmentInput): Promise<ConsignmentResult> {
  const c = new ConsignmentState(input);
  const flow = new CancellationScope();
  registerHandlers(c, flow);
  const steps = customsSteps(c);
  // Deliveries run beside the lifecycle and never hold up a Customs step.
  const outbox = c.openWebhooks();
  if (outbox) void outbox.run();
  /**
   * Before the run closes: the ERP has heard of the end (delivered, or given up after 24 hours) and
   * every handler has finished. Without an outbox, or with the handlers done, there is nothing to
   * wait for, and no wait is made (each wait costs the worker a scope and its promises; no command).
   */
  const told = async () => {
    if (outbox) await CancellationScope.nonCancellable(() => condition(() => outbox.idle()));
    if (!allHandlersFinished()) await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
  };
  try {
    await flow.run(() => lifecycle(c, steps));
    c.cancelOvertaken();
  } catch (error) {
    if (!isCancellation(error)) throw error;
    const cancelled = await CancellationScope.nonCancellable(() => cancelAtCustoms(c, steps));
    if (!cancelled) {
      // Customs refused the DELETE and routed the goods meanwhile: routing decides from here.
      c.refuseCancel('refused by Customs and overtaken by routing');
      await CancellationScope.nonCancellable(() => followRouting(c, steps));
    }
    // Temporal's own cancellation (no cancel message) ends the run as cancelled, as callers expect.
    if (!c.cancelRequest) {
      await told();
      throw error;
    }
  }
  await told();
  return c.result();
}

async function lifecycle(c: ConsignmentState, steps: Steps): Promise<void> {
  try {
    const known = await obtainMrn(c, steps);
    await completeDocumentation(c, steps, known);
    const amend = async () => completeDocumentation(c, steps, await putUntilValidated(c, steps));
    await awaitArrival(c, steps, amend);
    await followRouting(c, steps);
  } catch (error) {
    if (!(error instanceof Expired)) throw error;
    c.expire(error.message);
  }
}

/**
 * POST until Customs registers the house, or says it already holds it (its MRN then unknown to
 * us); returns what Customs said of the document, when it said it.
 */
async function obtainMrn(c: ConsignmentState, steps: Steps): Promise<DocStatus | undefined> {
  while (!c.status.mrn && !c.status.mrnUnknown) {
    c.setPhase('SUBMITTING');
    const sent = await steps.send();
    if ('rejected' in sent) {
      await parkForCorrection(c, 'REJECTED', sent.rejected, 'Customs rejected the document (400)');
      continue;
    }
    if ('held' in sent) return heldWithoutMrn(c, steps, sent.held);
    c.setPhase('AWAITING_VALIDATION');
    const outcome = await steps.awaitValidation(sent.requestId);
    if (outcome.status === 'SUCCESS') {
      c.status.mrn = outcome.mrn;
      c.status.validationErrors = [];
      return docStatusOf(outcome);
    }
    // A retried POST whose first attempt was stored: Customs holds the house, its MRN is lost.
    if (outcome.alreadyInUse) return heldWithoutMrn(c, steps, undefined);
    await parkForCorrection(
      c,
      'REJECTED',
      outcome.validationErrors,
      'Customs rejected the document (FAILURE)',
    );
  }
  return undefined;
}

/** Customs holds the house: routing will come without an MRN; what it said of the document, if known. */
async function heldWithoutMrn(
  c: ConsignmentState,
  steps: Steps,
  held: HeldHouse | undefined,
): Promise<DocStatus | undefined> {
  c.markMrnUnknown();
  const known = held?.documentStatus ? held : (await steps.lookUpHouse()).held;
  if (!known?.documentStatus) return undefined;
  return { documentStatus: known.documentStatus, incompleteReasons: known.incompleteReasons };
}

/**
 * While the document is INCOMPLETE, waits for a correction and PUTs it. The validation answer
 * usually says the document status; only when it does not is the status asked for separately
 * (and not at all for a house whose MRN was lost: the status by MRN cannot be asked then).
 */
async function completeDocumentation(
  c: ConsignmentState,
  steps: Steps,
  known: DocStatus | undefined,
): Promise<void> {
  let doc = known;
  for (;;) {
    if (c.status.mrn) doc ??= await steps.documentStatus(c.status.mrn);
    c.status.incompleteReasons = doc?.incompleteReasons ?? [];
    if (!doc || doc.documentStatus === 'SUCCESS') {
      c.setPhase(c.status.mrn ? 'REGISTERED' : 'MRN_UNKNOWN');
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
  const reason = `${why}: send a correction`;
  c.together(() => {
    c.setPhase(phase);
    c.park(reason);
  });
  const arrived = await condition(() => c.pendingCorrection !== undefined, c.timings.correctionWait, {
    summary: 'Wait for a correction',
  });
  if (!arrived && c.applies(PATCHES.expireOverdueCorrection)) {
    throw new Expired(
      `${why}; no correction came within ${String(c.timings.correctionWait)}: Customs drops unlinked notifications 30 days after their last update`,
    );
  }
  if (!arrived) {
    c.park(`${reason} (overdue: Customs drops unlinked consignments 30 days after their last update)`);
    await condition(() => c.pendingCorrection !== undefined);
  }
  takeCorrection(c);
}
