// One transport (the truck, flight, train or vessel crossing the border) through Customs: the
// shared notification lifecycle, ETA changes as PUTs, entry status after the ETA, and the tree
// of masters and houses Customs holds under it. Id: transportWorkflowId (src/shared.ts).
import { setHandler } from '@temporalio/workflow';
import { refuse } from '../notification/lifecycle-handlers';
import { LEVEL_REFUSAL_TYPES } from '../notification/lifecycle-types';
import { endLevel, startLevel } from '../notification/level-run';
import { followArrival, readTree } from './entry';
import {
  DEFAULT_TRANSPORT_TIMINGS,
  transportLifecycleMessages,
  updateArrivalUpdate,
  type ArrivalUpdate,
  type TransportInput,
  type TransportResult,
} from './messages';
import { correctionRefusal, describeDocument, initialStatus, publish, type TransportRun } from './state';

export async function transportWorkflow(input: TransportInput): Promise<TransportResult> {
  const status = initialStatus(input);
  const run = startLevel({
    level: 'transport',
    input,
    timings: { ...DEFAULT_TRANSPORT_TIMINGS, ...input.timings },
    status,
    document: input.transport,
    publish,
    messages: transportLifecycleMessages,
    correctionRefusal,
    webhookKey: (s) => ({ transport: s.workflowId.replace(/^tr:/, '') }),
  });
  const { lc } = run;
  lc.onDocument = (doc) => describeDocument(status, doc);
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
  return endLevel(run, outcome);
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
