// Recorded paths where a consignment parks, expires or loses its MRN: the timers, parks and
// resumptions they write are part of the contract.
import {
  arrivedSignal,
  correctUpdate,
  provideMrnUpdate,
  retrySignal,
} from '../../workflows/consignment/messages';
import { FAST_TIMINGS, houseOf, waitForPhase, waitForStatus } from '../integration/consignment.harness';
import { amended, record, release, type Scenario } from './scenario-kit';

/** Validation never ready: the deadline parks, the cool-down resumes it, then it is registered. */
export function deadlineParkScenario(name: string): Scenario {
  return {
    secretsScan: false, // seconds of timers, and only calls other scenarios make
    async run(h) {
      const doc = h.document();
      await h.control.setProcessing({ house: houseOf(doc), notReadyPolls: 1_000 });
      const timings = { ...FAST_TIMINGS, validationDeadline: '2s', transientCoolDown: '1s' } as const;
      const handle = await h.start(doc, { timings });
      await waitForStatus(handle, (s) => s.needsAttention, 'parked on the deadline');
      await h.control.setProcessing({ house: houseOf(doc), notReadyPolls: 0 });
      await release(h, doc, handle);
      return record(name, handle);
    },
  };
}

export const PARK_SCENARIOS: Record<string, Scenario> = {
  /** Explicit presentation refused (403) parks until `retry`; the second presentation is accepted. */
  presentationPark: {
    async run(h) {
      const doc = h.document();
      const handle = await h.start(doc, { presentation: { customsOfficeOfPresentation: 'NO351001' } });
      await waitForPhase(handle, 'REGISTERED');
      await h.control.injectFault({
        endpoint: 'presentation',
        action: { type: 'status', status: 403 },
        count: 1,
      });
      try {
        await handle.signal(arrivedSignal, {});
        await waitForStatus(handle, (s) => s.phase === 'PRESENTING' && s.needsAttention, 'parked');
        await handle.signal(retrySignal);
        return await record('presentationPark', handle);
      } finally {
        await h.control.clearFaults();
      }
    },
  },
  /** Validation never ready: the deadline parks, the cool-down resumes it, then it is registered. */
  deadlinePark: deadlineParkScenario('deadlinePark'),
  /** REJECTED and no correction within the wait: EXPIRED. */
  overdueExpired: {
    secretsScan: false, // a timer, and only calls other scenarios make
    async run(h) {
      const doc = h.document();
      doc.consignmentHouseLevel.goodsDescription = '';
      const handle = await h.start(doc, { timings: { ...FAST_TIMINGS, correctionWait: '2s' } });
      return record('overdueExpired', handle);
    },
  },
  /** REGISTERED and neither arrival nor routing within the limit: EXPIRED. */
  arrivalExpired: {
    secretsScan: false, // a timer, and only calls other scenarios make
    async run(h) {
      const handle = await h.start(h.document(), { timings: { ...FAST_TIMINGS, expireAfter: '2s' } });
      return record('arrivalExpired', handle);
    },
  },
  /**
   * The POST answer is lost: MRN_UNKNOWN; a correction waits for the MRN a person supplies, is
   * PUT with it, and the arrival releases the goods.
   */
  mrnUnknown: {
    async run(h) {
      const doc = h.document();
      await h.control.injectFault({
        endpoint: 'house-create',
        action: { type: 'drop-after-write' },
        count: 1,
      });
      const handle = await h.start(doc);
      await waitForPhase(handle, 'MRN_UNKNOWN');
      const corrected = amended(doc, 'Spare parts, corrected');
      await handle.executeUpdate(correctUpdate, { args: [corrected, { reason: 'description' }] });
      await waitForStatus(
        handle,
        (s) => /needed to send the correction/.test(s.needsAttentionReason ?? ''),
        'waits for the MRN',
      );
      const stored = (await h.control.houses()).find((x) => x.documentNumber === houseOf(doc).documentNumber);
      if (!stored) throw new Error('the twin holds no house for the lost POST');
      await handle.executeUpdate(provideMrnUpdate, { args: [{ mrn: stored.mrn }] });
      await release(h, doc, handle);
      return record('mrnUnknown', handle);
    },
  },
};
