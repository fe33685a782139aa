// Paths of runs started with the lean-history patch (every run started since): one patch marker,
// search attributes and memo written once per group of changes, the validation deadline as the
// poll's schedule-to-close timeout, and one expiry timer shared by the arrival and routing waits.
// Their commands are the contract of every consignment running now.
import { arrivedUpdate } from '../../workflows/consignment/messages';
import { FAST_TIMINGS, holdRouting, houseOf, waitForPhase } from '../integration/consignment.harness';
import { record, release, type Scenario } from './scenario-kit';
import { deadlineParkScenario } from './scenarios-parks';
import { entryPendingScenario } from './scenarios-routing';

/**
 * Arrival by update, explicit presentation, routing TO_ENTRY: the common path. `early`: the
 * arrival comes right after the start, before Customs registered the house.
 */
function releasedScenario(name: string, early = false): Scenario {
  return {
    async run(h) {
      const doc = h.document();
      await holdRouting(h, houseOf(doc));
      const handle = await h.start(doc, { presentation: { customsOfficeOfPresentation: 'NO351001' } });
      if (!early) await waitForPhase(handle, 'REGISTERED');
      await handle.executeUpdate(arrivedUpdate, { args: [{}] });
      await waitForPhase(handle, 'AWAITING_ROUTING');
      await h.control.injectSignals([{ ...houseOf(doc), routing: 'TO_ENTRY' }]);
      return record(name, handle);
    },
  };
}

export const LEAN_SCENARIOS: Record<string, Scenario> = {
  leanReleased: releasedScenario('leanReleased'),
  /** ENTRY_PENDING parks with its reason; the correction is PUT; TO_ENTRY releases. */
  leanEntryPending: entryPendingScenario('leanEntryPending', (handle) =>
    handle.executeUpdate(arrivedUpdate, { args: [{}] }),
  ),
  /** Validation never ready: the poll's schedule-to-close timeout parks it, the cool-down resumes it. */
  leanDeadlinePark: deadlineParkScenario('leanDeadlinePark'),
  /** Customs presents the goods at the border itself: its routing ends the arrival wait. */
  leanRoutedAtBorder: {
    async run(h) {
      const doc = h.document();
      const handle = await h.start(doc);
      await release(h, doc, handle);
      return record('leanRoutedAtBorder', handle);
    },
  },
  /**
   * An arrival a second after registration (nothing to present), then no routing: the shared
   * expiry timer, armed at registration, fires while the routing wait still has time left, is
   * armed again for the rest, and the house EXPIRES.
   */
  leanRoutingExpired: {
    secretsScan: false, // timers, and only calls other scenarios make
    async run(h) {
      const doc = h.document();
      const handle = await h.start(doc, { timings: { ...FAST_TIMINGS, expireAfter: '3s' } });
      await waitForPhase(handle, 'REGISTERED');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await handle.executeUpdate(arrivedUpdate, { args: [{}] });
      return record('leanRoutingExpired', handle);
    },
  },
};

/**
 * Runs started with the settled-attributes patch (every run started since): lean, and the phases a
 * house passes through (AWAITING_VALIDATION, PRESENTING) are not written to Temporal's index unless
 * something else indexed changes with them.
 */
export const SETTLED_SCENARIOS: Record<string, Scenario> = {
  /** The common path: the index goes SUBMITTING, REGISTERED, AWAITING_ROUTING, RELEASED. */
  settledReleased: releasedScenario('settledReleased'),
  /** A park in a phase passed through is written at once (needs-attention changes with it). */
  settledDeadlinePark: deadlineParkScenario('settledDeadlinePark'),
};

/**
 * Runs started with the rest-indexed patch (every run started since): settled, and the index is
 * written only in the phases a house rests in; the memo drops the requestId once the MRN is known.
 */
export const REST_SCENARIOS: Record<string, Scenario> = {
  /** Arrival after registration: the index goes REGISTERED, AWAITING_ROUTING, RELEASED; one memo write. */
  restReleased: releasedScenario('restReleased'),
  /** Arrival before registration: REGISTERED is passed through; the MRN comes with AWAITING_ROUTING. */
  restEarlyArrival: releasedScenario('restEarlyArrival', true),
};
