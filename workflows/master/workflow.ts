// One master consignment through Customs: the shared notification lifecycle with the master
// document; open for corrections (PUT) until its transport has entered or Customs would drop it
// (30 days after its last update). Id: masterWorkflowId (src/shared.ts).
import { msToNumber } from '@temporalio/common/lib/time';
import { setHandler } from '@temporalio/workflow';
import { workflowNowMs } from '../notification/clock';
import { endLevel, readTree as readLevelTree, startLevel } from '../notification/level-run';
import {
  DEFAULT_MASTER_TIMINGS,
  masterLifecycleMessages,
  transportEnteredSignal,
  type MasterInput,
  type MasterResult,
} from './messages';
import { correctionRefusal, initialStatus, publish, type MasterRun } from './state';

export async function masterWorkflow(input: MasterInput): Promise<MasterResult> {
  const status = initialStatus(input);
  const run = startLevel({
    level: 'master',
    input,
    timings: { ...DEFAULT_MASTER_TIMINGS, ...input.timings },
    status,
    document: input.master,
    publish,
    messages: masterLifecycleMessages,
    correctionRefusal,
    webhookKey: (s) => ({ type: s.type, documentNumber: s.documentNumber }),
  });
  const { lc } = run;
  setHandler(transportEnteredSignal, (notice) => {
    if (!lc.terminal) status.transportEntered ??= notice;
  });
  publish(status);

  let outcome: string = await lc.register();
  if (outcome === 'registered') outcome = await stayOpen(run);
  return endLevel(run, outcome);
}

/** Corrections and refreshes until the transport entered, a cancel, or Customs' 30-day limit. */
async function stayOpen(run: MasterRun): Promise<'entered' | 'cancel' | 'expired'> {
  const { lc } = run;
  await readTree(run);
  let lastUpdate = workflowNowMs();
  for (;;) {
    if (lc.cancelRequest) return 'cancel';
    if (lc.status.transportEntered) {
      lc.setPhase('ENTERED');
      return 'entered';
    }
    if (lc.pending) {
      const outcome = await lc.register();
      if (outcome !== 'registered') return outcome;
      lastUpdate = workflowNowMs();
      await readTree(run);
      continue;
    }
    if (run.refreshRequested) {
      await readTree(run);
      continue;
    }
    lc.retryRequested = false;
    const left = lastUpdate + msToNumber(run.timings.expireAfter) - workflowNowMs();
    const woken =
      left > 0 && (await lc.wait(() => run.refreshRequested || !!lc.status.transportEntered, left));
    if (!woken) {
      lc.park(
        `No update for ${String(run.timings.expireAfter)} and no entry of its transport: Customs drops the master`,
      );
      lc.setPhase('EXPIRED');
      return 'expired';
    }
  }
}

/** The houses Customs holds under the master; a failure is shown, never fatal. */
function readTree(run: MasterRun): Promise<void> {
  return readLevelTree(run, (result) => {
    if (result.level === 'master') run.lc.status.descendants = result.master;
  });
}
