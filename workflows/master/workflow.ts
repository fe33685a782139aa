// One master consignment through Customs: the shared notification lifecycle with the master
// document; open for corrections (PUT) until its transport has entered or Customs would drop it
// (30 days after its last update). Id: masterWorkflowId (src/shared.ts).
import { msToNumber } from '@temporalio/common/lib/time';
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { workflowNow } from '../notification/clock';
import { NotificationLifecycle } from '../notification/lifecycle';
import { levelCalls } from '../notification/lifecycle-calls';
import { registerLifecycleHandlers, resultOf } from '../notification/lifecycle-handlers';
import {
  DEFAULT_MASTER_TIMINGS,
  masterCancelSignal,
  masterCancelUpdate,
  masterCorrectSignal,
  masterCorrectUpdate,
  masterRefreshDescendantsSignal,
  masterRetrySignal,
  masterStatusQuery,
  transportEnteredSignal,
  type MasterInput,
  type MasterResult,
  type MasterTimings,
} from './messages';
import { correctionRefusal, initialStatus, publish, snapshot, type MasterLifecycle } from './state';

interface MasterRun {
  lc: MasterLifecycle;
  timings: MasterTimings;
  refreshRequested: boolean;
}

export async function masterWorkflow(input: MasterInput): Promise<MasterResult> {
  const timings: MasterTimings = { ...DEFAULT_MASTER_TIMINGS, ...input.timings };
  const status = initialStatus(input);
  const calls = levelCalls({
    level: 'master',
    mode: input.mode,
    timings,
    taskQueue: input.digitollTaskQueue,
  });
  const lc = new NotificationLifecycle(status, input.master, timings, calls, () => publish(status));
  const run: MasterRun = { lc, timings, refreshRequested: false };
  registerLifecycleHandlers(
    lc,
    {
      correctUpdate: masterCorrectUpdate,
      correctSignal: masterCorrectSignal,
      cancelUpdate: masterCancelUpdate,
      cancelSignal: masterCancelSignal,
      retrySignal: masterRetrySignal,
      refreshSignal: masterRefreshDescendantsSignal,
      statusQuery: masterStatusQuery,
    },
    {
      correctionRefusal: (doc) => correctionRefusal(lc, doc),
      onRefresh: () => void (run.refreshRequested = true),
      snapshot: () => snapshot(status),
    },
  );
  setHandler(transportEnteredSignal, (notice) => {
    if (!lc.terminal) status.transportEntered ??= notice;
  });
  publish(status);

  let outcome: string = await lc.register();
  if (outcome === 'registered') outcome = await stayOpen(run);
  if (outcome === 'cancel') await lc.cancel();
  await condition(allHandlersFinished);
  return resultOf(status);
}

/** Corrections and refreshes until the transport entered, a cancel, or Customs' 30-day limit. */
async function stayOpen(run: MasterRun): Promise<'entered' | 'cancel' | 'expired'> {
  const { lc } = run;
  await readTree(run);
  let lastUpdate = Date.now();
  for (;;) {
    if (lc.cancelRequest) return 'cancel';
    if (lc.status.transportEntered) {
      lc.setPhase('ENTERED');
      return 'entered';
    }
    if (lc.pending) {
      const outcome = await lc.register();
      if (outcome !== 'registered') return outcome;
      lastUpdate = Date.now();
      await readTree(run);
      continue;
    }
    if (run.refreshRequested) {
      await readTree(run);
      continue;
    }
    lc.retryRequested = false;
    const left = lastUpdate + msToNumber(run.timings.expireAfter) - Date.now();
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
async function readTree(run: MasterRun): Promise<void> {
  const { status } = run.lc;
  run.refreshRequested = false;
  if (!status.mrn) return;
  try {
    const result = await run.lc.calls.descendants(status.mrn);
    if (result.level === 'master') status.descendants = result.master;
    status.descendantsReadAt = workflowNow();
    status.descendantsProblem = undefined;
  } catch (error) {
    status.descendantsProblem = error instanceof Error ? error.message : String(error);
  }
}
