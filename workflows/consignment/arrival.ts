// After registration: arrival and explicit presentation, then routing until the goods may go or
// are denied. While Customs holds the goods (ENTRY_PENDING) a correction is PUT with the MRN.
import { condition, uuid4 } from '@temporalio/workflow';
import { PATCHES } from './messages';
import type { ConsignmentState } from './state';
import { putOnce, takeCorrection } from './submission';
import { ParkInterrupted, rejectedIssues, type Steps } from '../notification/customs-steps';

const officeOf = (c: ConsignmentState): string | undefined =>
  c.arrival?.customsOfficeOfPresentation ?? c.input.presentation?.customsOfficeOfPresentation;

const crossed = (c: ConsignmentState): boolean => c.arrival !== undefined || c.routingVersion > 0;

/**
 * Told by the presentation of a level above it (an ENS, master, container or receptacle): Customs
 * holds it as presented, so it does not present itself. Old histories never carry `presentedBy`,
 * so the patch is asked only when it is there.
 */
const presentedAbove = (c: ConsignmentState): boolean =>
  c.arrival?.presentedBy !== undefined && c.applies(PATCHES.presentedAbove);

/**
 * Waits for the arrival (or a routing that shows Customs presented it itself); presents when
 * asked to. Until then the document may still be amended: `amend` PUTs the correction and
 * validates it again (a house whose MRN was lost first waits for it; a routing ends that wait).
 */
export async function awaitArrival(
  c: ConsignmentState,
  steps: Steps,
  amend: () => Promise<void>,
): Promise<void> {
  for (;;) {
    // A routing that comes meanwhile is published by the routing loop, with the phase it leads to.
    c.routingAwaited = true;
    try {
      await c.waitOrExpire(
        () => crossed(c) || c.pendingCorrection !== undefined,
        'no arrival and no routing came',
        'Wait for arrival or routing',
      );
    } finally {
      c.routingAwaited = false;
    }
    if (crossed(c)) break;
    takeCorrection(c);
    c.parkInterrupt = () => crossed(c);
    try {
      await amend();
    } catch (error) {
      if (!(error instanceof ParkInterrupted)) throw error;
      c.rejectMessage(
        'correct',
        `revision ${c.status.revision} not sent: the goods reached the border first`,
      );
    } finally {
      c.parkInterrupt = undefined;
    }
  }
  if (c.arrival && officeOf(c) && c.routingVersion === 0 && !presentedAbove(c)) {
    c.setPhase('PRESENTING');
    await present(c, steps);
  }
  // A lean run that already has its routing goes straight to the phase the routing gives.
  if (c.lean && c.routingVersion > 0) return;
  c.setPhase('AWAITING_ROUTING');
}

/** Presents until Customs accepts; a routing (Customs presented it itself) makes any park moot. */
async function present(c: ConsignmentState, steps: Steps): Promise<void> {
  c.parkInterrupt = () => c.routingVersion > 0;
  try {
    await presentUntilAccepted(c, steps);
  } catch (error) {
    if (!(error instanceof ParkInterrupted)) throw error;
  } finally {
    c.parkInterrupt = undefined;
  }
}

async function presentUntilAccepted(c: ConsignmentState, steps: Steps): Promise<void> {
  for (;;) {
    const office = officeOf(c) as string;
    const problem = await presentOnce(c, steps, office);
    if (problem === undefined) return;
    const arrivals = c.arrivalVersion;
    c.park(`${problem}; send arrived with a corrected customsOfficeOfPresentation, or signal retry`);
    await condition(() => c.retryRequested || c.routingVersion > 0 || c.arrivalVersion !== arrivals);
    c.retryRequested = false;
    c.clearAttention();
    if (c.routingVersion > 0 || presentedAbove(c)) return;
  }
}

/** One presentation and its validation; returns why Customs refused it, or undefined. */
async function presentOnce(c: ConsignmentState, steps: Steps, office: string): Promise<string | undefined> {
  // Generated here, before the activity, so every retry of the activity sends the same one.
  const requestId = uuid4();
  c.status.presentationRequestId = requestId;
  const { documentNumber, type } = c.status;
  const input = { requestId, customsOfficeOfPresentation: office, documentNumber, type };
  const sent = await steps.guarded('Presentation', async () => {
    try {
      return await steps.customs.presentHouse.executeWithOptions(
        { ...steps.base, summary: `Present at ${office}` },
        [input],
      );
    } catch (error) {
      const rejected = rejectedIssues(error);
      if (rejected) return { rejected };
      throw error;
    }
  });
  if ('rejected' in sent) {
    const issues = sent.rejected.map((i) => `${i.path || '(request)'}: ${i.message}`).join('; ');
    return `Customs refused the presentation at ${office} (400: ${issues || 'no details'})`;
  }
  const result = await steps.guarded('Presentation validation', () =>
    steps.customs.checkPresentation.executeWithOptions({ ...steps.base, summary: 'Poll presentation' }, [
      { requestId },
    ]),
  );
  return result.status === 'SUCCESS' ? undefined : `Presentation refused: ${result.messages.join('; ')}`;
}

/**
 * The latest routing wins: TO_ENTRY releases, ENTRY_DENIED ends, the others wait for the next one.
 * A correction accepted in ENTRY_PENDING is sent before the next routing is applied.
 */
export async function followRouting(c: ConsignmentState, steps: Steps): Promise<void> {
  let applied = 0;
  for (;;) {
    c.routingAwaited = true;
    try {
      await c.waitOrExpire(
        () => c.routingVersion > applied || c.pendingCorrection !== undefined,
        'no further routing came',
        'Wait for routing',
      );
    } finally {
      // A lean run's routing signal left its publish to this loop (see applyRouting); a wait
      // that ends otherwise (expiry, cancel) publishes with the phase it leads to.
      c.routingAwaited = false;
    }
    if (c.pendingCorrection) {
      if (c.lean && c.routingVersion > applied) c.publish();
      await correctWhileHeld(c, steps);
      continue;
    }
    applied = c.routingVersion;
    const routing = c.status.routing!.routing;
    const final = routing === 'TO_ENTRY' || routing === 'ENTRY_DENIED';
    c.together(() => {
      c.clearAttention();
      if (routing === 'TO_ENTRY') return c.setPhase('RELEASED');
      if (routing === 'ENTRY_DENIED') return c.setPhase('DENIED');
      c.setPhase(routing);
      if (routing === 'ENTRY_PENDING')
        c.park(
          'Customs reports deficiencies (ENTRY_PENDING): hold the goods and send a corrected document (update `correct`, sent with a PUT)',
        );
    });
    if (final) return;
  }
}

/**
 * PUTs the correction while Customs holds the goods. A routing that arrives while a step of it is
 * parked waiting for `retry` ends the park: the routing loop applies it (a TO_ENTRY releases the
 * goods, whatever became of the correction).
 */
async function correctWhileHeld(c: ConsignmentState, steps: Steps): Promise<void> {
  takeCorrection(c);
  const routings = c.routingVersion;
  c.parkInterrupt = () => c.routingVersion !== routings;
  try {
    await putAndCheck(c, steps);
  } catch (error) {
    if (!(error instanceof ParkInterrupted)) throw error;
  } finally {
    c.parkInterrupt = undefined;
  }
}

async function putAndCheck(c: ConsignmentState, steps: Steps): Promise<void> {
  const put = await putOnce(c, steps);
  if ('rejected' in put) {
    c.status.validationErrors = put.rejected;
    holdForCorrection(c, `${put.why}: hold the goods and send another correction`);
    return;
  }
  const doc = put.doc ?? (await steps.documentStatus(c.status.mrn as string));
  c.status.incompleteReasons = doc.incompleteReasons;
  if (doc.documentStatus !== 'SUCCESS') {
    const codes = doc.incompleteReasons.map((r) => r.code).join(', ') || 'no reasons given';
    holdForCorrection(
      c,
      `Customs registered the corrected document as INCOMPLETE (${codes}): hold the goods and send another correction`,
    );
    return;
  }
  c.setPhase('AWAITING_ROUTING');
}

/** Back in ENTRY_PENDING (which accepts corrections), parked with `reason`. */
function holdForCorrection(c: ConsignmentState, reason: string): void {
  c.together(() => {
    c.setPhase('ENTRY_PENDING');
    c.park(reason);
  });
}
