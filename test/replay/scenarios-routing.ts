// Recorded paths of arrival, routing and corrections: what a replayed signal or update did there
// is part of the contract, so each path has a history of its own.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  arrivedSignal,
  arrivedUpdate,
  correctSignal,
  correctUpdate,
} from '../../workflows/consignment/messages';
import { houseOf, waitForPhase, waitForStatus, type Harness } from '../integration/consignment.harness';
import { amended, failingTwin, record, release, waitForNth, type Scenario } from './scenario-kit';

/**
 * ENTRY_PENDING holds the goods; the correction is PUT with the MRN; TO_ENTRY releases. `arrive`
 * tells the house its transport arrived (by signal in older runs, by update since).
 */
export function entryPendingScenario(
  name: string,
  arrive: (handle: Awaited<ReturnType<Harness['start']>>) => Promise<unknown>,
): Scenario {
  return {
    async run(h) {
      const doc = h.document();
      const handle = await h.start(doc);
      await waitForPhase(handle, 'REGISTERED');
      await arrive(handle);
      await waitForPhase(handle, 'AWAITING_ROUTING');
      await h.control.injectSignals([{ ...houseOf(doc), routing: 'ENTRY_PENDING' }]);
      await waitForStatus(handle, (s) => s.phase === 'ENTRY_PENDING' && s.needsAttention, 'held');
      const corrected = amended(doc, 'described in full');
      await handle.executeUpdate(correctUpdate, { args: [corrected, { reason: 'deficiency' }] });
      await waitForNth(handle, 'AWAITING_ROUTING', 2);
      await h.control.injectSignals([{ ...houseOf(doc), routing: 'TO_ENTRY' }]);
      return record(name, handle);
    },
  };
}

export const ROUTING_SCENARIOS: Record<string, Scenario> = {
  /** ENTRY_PENDING holds the goods; the correction is PUT with the MRN; TO_ENTRY releases. */
  entryPending: entryPendingScenario('entryPending', (handle) => handle.signal(arrivedSignal, {})),
  /** The latest routing wins: TO_CONTROL waits, the later TO_ENTRY releases. */
  controlThenEntry: {
    async run(h) {
      const doc = h.document();
      const handle = await h.start(doc);
      await waitForPhase(handle, 'REGISTERED');
      await handle.signal(arrivedSignal, {});
      await h.control.injectSignals([
        { ...houseOf(doc), routing: 'TO_CONTROL', routingControlLocation: 'ON_ENTRY' },
      ]);
      await waitForPhase(handle, 'TO_CONTROL');
      await h.control.injectSignals([{ ...houseOf(doc), routing: 'TO_ENTRY' }]);
      return record('controlThenEntry', handle);
    },
  },
  /** An asynchronous FAILURE, corrected through the `correct` signal (the Temporal UI's way). */
  correctionBySignal: {
    async run(h) {
      const good = h.document();
      const handle = await h.start(failingTwin(good));
      await waitForPhase(handle, 'REJECTED');
      await handle.signal(correctSignal, good, { reason: 'right declaration' });
      await release(h, good, handle);
      return record('correctionBySignal', handle);
    },
  },
  /** Before the border a correction is PUT and validated again; the house stays REGISTERED. */
  amendBeforeBorder: {
    async run(h) {
      const doc = h.document();
      const handle = await h.start(doc);
      await waitForPhase(handle, 'REGISTERED');
      const corrected = amended(doc, 'Machine parts and manuals');
      await handle.executeUpdate(correctUpdate, { args: [corrected, { reason: 'manuals added' }] });
      await waitForNth(handle, 'REGISTERED', 2);
      await h.control.registerArrival(houseOf(doc));
      return record('amendBeforeBorder', handle);
    },
  },
  /** Arrival by update; a repeat that changes nothing is refused by the validator (no history). */
  arrivalUpdate: {
    async run(h) {
      const doc = h.document();
      const handle = await h.start(doc);
      await waitForPhase(handle, 'REGISTERED');
      await handle.executeUpdate(arrivedUpdate, { args: [{}] });
      const repeat = await handle.executeUpdate(arrivedUpdate, { args: [{}] }).catch((e: unknown) => e);
      if (!(repeat instanceof WorkflowUpdateFailedError))
        throw new Error('the repeated arrival was not refused');
      await waitForPhase(handle, 'AWAITING_ROUTING');
      await h.control.injectSignals([{ ...houseOf(doc), routing: 'TO_ENTRY' }]);
      return record('arrivalUpdate', handle);
    },
  },
};
