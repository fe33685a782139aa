// The paths whose histories are committed for replay tests (test/replay/histories/<name>.*): each
// runs on real workers against the emulator and returns the run to record. A path without a
// history here is a path whose workflow changes no test would catch.
import { arrivedSignal, cancelUpdate, correctUpdate } from '../../workflows/consignment/messages';
import { houseOf, waitForPhase } from '../integration/consignment.harness';
import { feedWhen, record, release, type Scenario } from './scenario-kit';
import { CANCEL_SCENARIOS } from './scenarios-cancel';
import { FEED_SCENARIOS } from './scenarios-feed';
import { LEAN_SCENARIOS, REST_SCENARIOS, SETTLED_SCENARIOS } from './scenarios-lean';
import { MOVEMENT_SCENARIOS } from './scenarios-movement';
import { PARK_SCENARIOS } from './scenarios-parks';
import { PRESENTATION_SCENARIOS } from './scenarios-presentation';
import { ROUTING_SCENARIOS } from './scenarios-routing';

export type { RecordedHistory, Scenario } from './scenario-kit';

const FIRST_SCENARIOS: Record<string, Scenario> = {
  happy: {
    async run(h) {
      const doc = h.document();
      const handle = await h.start(doc, { presentation: { customsOfficeOfPresentation: 'NO351001' } });
      await waitForPhase(handle, 'REGISTERED');
      await handle.signal(arrivedSignal, {});
      return record('happy', handle);
    },
  },
  incomplete: {
    async run(h) {
      const complete = h.document({
        consignmentHouseLevel: { importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' } },
      });
      const incomplete = structuredClone(complete);
      incomplete.consignmentHouseLevel.previousDocuments = [];
      const handle = await h.start(incomplete);
      await waitForPhase(handle, 'INCOMPLETE');
      await handle.executeUpdate(correctUpdate, { args: [complete, { reason: 'declaration reference' }] });
      await release(h, complete, handle);
      return record('incomplete', handle);
    },
  },
  rejected: {
    async run(h) {
      const good = h.document();
      const bad = structuredClone(good);
      bad.consignmentHouseLevel.goodsDescription = '';
      const handle = await h.start(bad);
      await waitForPhase(handle, 'REJECTED');
      await handle.executeUpdate(correctUpdate, { args: [good, { reason: 'description added' }] });
      await release(h, good, handle);
      return record('rejected', handle);
    },
  },
  cancelled: {
    async run(h) {
      const doc = h.document();
      const handle = await h.start(doc);
      await waitForPhase(handle, 'REGISTERED');
      await handle.executeUpdate(cancelUpdate, { args: [{ reason: 'order withdrawn' }] });
      return record('cancelled', handle);
    },
  },
  /** On a harness of its own: it ends that harness's routing feed. */
  routingFeed: feedScenario('routingFeed'),
  /** The same with the feed polling at its interval (the wait starts with the poll). */
  routingFeedAtRate: feedScenario('routingFeedAtRate'),
};

/** A failed poll (403) parks the feed; the next one delivers a routing that releases the house. */
function feedScenario(name: string): Scenario {
  return {
    ownHarness: {},
    async run(h) {
      const doc = h.document();
      const handle = await h.start(doc);
      await waitForPhase(handle, 'REGISTERED');
      await h.control.injectFault({ endpoint: 'routing', action: { type: 'status', status: 403 }, count: 1 });
      // Counted, not the attention flag: the next poll succeeds and clears that within a second.
      await feedWhen(h, (s) => s.totals.failedPolls >= 1, 'a failed poll');
      const { items } = await h.control.injectSignals([{ ...houseOf(doc), routing: 'TO_ENTRY' }]);
      await feedWhen(h, (s) => s.marker === String(items[0]!.routingResult.id), 'the marker to move');
      await waitForPhase(handle, 'RELEASED');
      await h.feed.terminate('history recorded');
      return { name, workflowId: h.feed.workflowId };
    },
  };
}

export const SCENARIOS: Record<string, Scenario> = {
  ...FIRST_SCENARIOS,
  ...ROUTING_SCENARIOS,
  ...PARK_SCENARIOS,
  ...CANCEL_SCENARIOS,
  ...FEED_SCENARIOS,
  ...MOVEMENT_SCENARIOS,
  ...PRESENTATION_SCENARIOS,
  ...LEAN_SCENARIOS,
  ...SETTLED_SCENARIOS,
  ...REST_SCENARIOS,
};
