// After REGISTERED: corrections (PUT) until entry is recorded; at the ETA (a workflow timer) the
// entry status is asked until Customs records the entry (ENTERED) or refuses it (ENTRY_REFUSED,
// parked); 72 h after the ETA without entry Customs has cancelled the transport (EXPIRED).
import { msToNumber } from '@temporalio/common/lib/time';
import { CancellationScope, getExternalWorkflowHandle } from '@temporalio/workflow';
import type { EntryView } from '../../activities/levels-outcomes';
import { transportEnteredSignal } from '../master/messages';
import { workflowNowMs } from '../notification/clock';
import { ParkInterrupted } from '../notification/failures';
import { readTree as readLevelTree } from '../notification/level-run';
import { etaOf, type TransportRun } from './state';

/** What Customs holds under the transport; a failure is shown, never fatal. */
export function readTree(run: TransportRun): Promise<void> {
  return readLevelTree(run, (result) => {
    if (result.level === 'transport') run.lc.status.descendants = result.tree;
  });
}

/** Runs until the transport ends or a cancel is to be carried out. */
export async function followArrival(run: TransportRun): Promise<'entered' | 'cancel' | 'expired'> {
  const { lc } = run;
  for (;;) {
    if (lc.cancelRequest) return 'cancel';
    if (lc.pending) {
      const outcome = await lc.register();
      if (outcome !== 'registered') return outcome;
      await readTree(run);
      continue;
    }
    if (run.refreshRequested) {
      await readTree(run);
      continue;
    }
    const eta = etaOf(lc.document) ?? workflowNowMs();
    const expiry = eta + msToNumber(run.timings.expireAfterEta);
    const now = workflowNowMs();
    if (now >= expiry && lc.status.phase !== 'ENTRY_REFUSED') {
      lc.park(
        `No entry recorded within ${String(run.timings.expireAfterEta)} of the ETA: Customs has cancelled the transport`,
      );
      lc.setPhase('EXPIRED');
      return 'expired';
    }
    if (now < eta) {
      // Before the ETA (a workflow timer): nothing to ask Customs yet.
      if (lc.status.phase !== 'REGISTERED') lc.setPhase('REGISTERED');
      lc.retryRequested = false;
      await lc.wait(() => run.refreshRequested, eta - now);
    } else if (lc.status.phase === 'ENTRY_REFUSED' && !lc.retryRequested) {
      await lc.wait(() => run.refreshRequested);
    } else if (await askEntry(run, expiry - now)) {
      return 'entered';
    }
  }
}

/** After the ETA: the entry status until answered; true when Customs recorded a valid entry. */
async function askEntry(run: TransportRun, remainingMs: number): Promise<boolean> {
  const { lc } = run;
  lc.retryRequested = false;
  lc.clearAttention();
  lc.setPhase('AWAITING_ENTRY');
  const entry = await pollEntry(run, remainingMs);
  if (entry === undefined) return false;
  lc.status.entry = entry;
  if (entry.validEntry) {
    lc.setPhase('ENTERED');
    await readTree(run);
    await tellMasters(run, entry);
    return true;
  }
  lc.setPhase('ENTRY_REFUSED');
  const office = entry.customsOfficeOfEntry ? ` at ${entry.customsOfficeOfEntry}` : '';
  lc.park(
    `Customs recorded the entry with validEntry false${office}: contact Customs before unloading; signal retry to ask again`,
  );
  return false;
}

/** The entry status, asked until answered; undefined when something else needs the workflow first. */
async function pollEntry(run: TransportRun, remainingMs: number): Promise<EntryView | undefined> {
  const { lc } = run;
  const mrn = lc.status.mrn;
  if (!mrn) return undefined;
  return CancellationScope.cancellable(async () => {
    // A cancel that ends a parked poll is the loop's to carry out, not a failure of the workflow.
    const poll = lc
      .guarded('Entry status', () => lc.calls.entry(mrn, run.timings.entryPollMaxInterval))
      .catch((error: unknown) => {
        if (error instanceof ParkInterrupted) return undefined;
        throw error;
      });
    const interrupt = lc.wait(() => run.refreshRequested, remainingMs).then(() => undefined);
    try {
      return await Promise.race([poll, interrupt]);
    } finally {
      CancellationScope.current().cancel();
      // The loser settles as cancelled; nothing waits for it.
      poll.catch(() => undefined);
    }
  });
}

/** Tells each master the document lists that the transport has entered; masters not running are skipped. */
async function tellMasters(run: TransportRun, entry: EntryView): Promise<void> {
  const notice = {
    transportWorkflowId: run.lc.status.workflowId,
    transportMrn: run.lc.status.mrn,
    at: entry.timeOfEntry,
  };
  for (const id of run.lc.status.masters) {
    try {
      await getExternalWorkflowHandle(id).signal(transportEnteredSignal, notice);
    } catch {
      // No such master running (never started, or already ended): nothing to tell.
    }
  }
}
