// One transport (the truck, flight, train or vessel crossing the border) through Customs: the
// shared notification lifecycle, ETA changes as PUTs, entry status after the ETA, and the tree
// of masters and houses Customs holds under it. Id: transportWorkflowId (src/shared.ts).
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { NotificationLifecycle } from '../notification/lifecycle';
import { levelCalls } from '../notification/lifecycle-calls';
import { refuse, registerLifecycleHandlers, resultOf } from '../notification/lifecycle-handlers';
import { LEVEL_REFUSAL_TYPES } from '../notification/lifecycle-types';
import { followArrival, readTree, type TransportRun } from './entry';
import {
  DEFAULT_TRANSPORT_TIMINGS,
  transportCancelSignal,
  transportCancelUpdate,
  transportCorrectSignal,
  transportCorrectUpdate,
  transportRefreshDescendantsSignal,
  transportRetrySignal,
  transportStatusQuery,
  updateArrivalUpdate,
  type ArrivalUpdate,
  type TransportInput,
  type TransportResult,
  type TransportTimings,
} from './messages';
import { correctionRefusal, describeDocument, initialStatus, publish, snapshot } from './state';

export async function transportWorkflow(input: TransportInput): Promise<TransportResult> {
  const timings: TransportTimings = { ...DEFAULT_TRANSPORT_TIMINGS, ...input.timings };
  const status = initialStatus(input);
  const calls = levelCalls({
    level: 'transport',
    mode: input.mode,
    timings,
    taskQueue: input.digitollTaskQueue,
  });
  const lc = new NotificationLifecycle(status, input.transport, timings, calls, () => publish(status));
  lc.onDocument = (doc) => describeDocument(status, doc);
  const run: TransportRun = { lc, timings, refreshRequested: false };
  registerLifecycleHandlers(
    lc,
    {
      correctUpdate: transportCorrectUpdate,
      correctSignal: transportCorrectSignal,
      cancelUpdate: transportCancelUpdate,
      cancelSignal: transportCancelSignal,
      retrySignal: transportRetrySignal,
      refreshSignal: transportRefreshDescendantsSignal,
      statusQuery: transportStatusQuery,
    },
    {
      correctionRefusal: (doc) => correctionRefusal(lc, doc),
      onRefresh: () => void (run.refreshRequested = true),
      snapshot: () => snapshot(status),
    },
  );
  setHandler(updateArrivalUpdate, (arrival: ArrivalUpdate) => lc.queueCorrection(withArrival(lc, arrival)), {
    description: 'A new estimated time of arrival: one PUT; returns the new revision',
    validator: (arrival: ArrivalUpdate) => {
      const refusal = arrivalRefusal(arrival) ?? correctionRefusal(lc, withArrival(lc, arrival));
      if (refusal) throw refuse(refusal);
    },
  });
  publish(status);

  let outcome: string = await lc.register();
  if (outcome === 'registered') {
    await readTree(run);
    outcome = await followArrival(run);
  }
  if (outcome === 'cancel') await lc.cancel();
  await condition(allHandlersFinished);
  return resultOf(status);
}

function withArrival(lc: TransportRun['lc'], arrival: ArrivalUpdate) {
  return { ...lc.latestDocument(), estimatedDateAndTimeOfArrival: arrival?.estimatedDateAndTimeOfArrival };
}

function arrivalRefusal(arrival: ArrivalUpdate) {
  const eta = arrival?.estimatedDateAndTimeOfArrival;
  if (typeof eta === 'string' && !Number.isNaN(Date.parse(eta))) return undefined;
  return {
    type: LEVEL_REFUSAL_TYPES.malformed,
    message: 'estimatedDateAndTimeOfArrival must be a UTC instant (yyyy-MM-ddTHH:mm:ssZ)',
  };
}
