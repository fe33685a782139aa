// Recorded paths of cancellation: Temporal's own cancel, a cancel while the POST is in flight, and
// a cancel whose DELETE Customs refuses until routing overtakes it.
import { cancelUpdate } from '../../workflows/consignment/messages';
import { houseOf, waitForPhase, waitForStatus } from '../integration/consignment.harness';
import { waitForFaultsTaken, within } from '../integration/consignment-review.harness';
import { record, type Scenario } from './scenario-kit';

export const CANCEL_SCENARIOS: Record<string, Scenario> = {
  /** Temporal's cancellation of a REGISTERED house: DELETE, and the run ends cancelled. */
  temporalCancel: {
    async run(h) {
      const handle = await h.start(h.document());
      await waitForPhase(handle, 'REGISTERED');
      await handle.cancel();
      return record('temporalCancel', handle);
    },
  },
  /** A cancel while the POST is in flight: the house it stored is DELETEd once its MRN is known. */
  cancelDuringPost: {
    async run(h) {
      await h.control.injectFault({
        endpoint: 'house-create',
        action: { type: 'slow', delayMs: 1_500 },
        count: 1,
      });
      try {
        const handle = await h.start(h.document());
        await waitForFaultsTaken(h);
        await handle.executeUpdate(cancelUpdate, { args: [{ reason: 'withdrawn while sending' }] });
        return await record('cancelDuringPost', handle);
      } finally {
        await h.control.clearFaults();
      }
    },
  },
  /** The DELETE is refused; routing comes meanwhile: the cancel ends refused and TO_ENTRY releases. */
  cancelOvertaken: {
    async run(h) {
      const doc = h.document();
      const handle = await h.start(doc);
      await waitForPhase(handle, 'REGISTERED');
      await h.control.injectFault({
        endpoint: 'house-delete',
        action: { type: 'status', status: 403 },
        count: 10,
      });
      try {
        const update = handle
          .executeUpdate(cancelUpdate, { args: [{ reason: 'withdrawn' }] })
          .catch((error: unknown) => error);
        await waitForStatus(handle, (s) => s.phase === 'CANCELLING' && s.needsAttention, 'parked');
        await h.control.injectSignals([{ ...houseOf(doc), routing: 'TO_ENTRY' }]);
        await within(update, 20_000, 'the cancel update');
        return await record('cancelOvertaken', handle);
      } finally {
        await h.control.clearFaults();
      }
    },
  },
};
