// Recorded paths of the routing feed beyond a plain delivery: items it cannot apply (counted,
// listed, acknowledged) and the continue-as-new that keeps its history short.
import { acknowledgeSignal, pollNowSignal } from '../../workflows/routing-feed/messages';
import { eventually, SETTLE_MS } from '../helpers/temporal';
import { houseOf, waitForPhase } from '../integration/consignment.harness';
import { feedWhen, type Scenario } from './scenario-kit';

export const FEED_SCENARIOS: Record<string, Scenario> = {
  /** A transport-level item, an untracked house and an unknown routing value; then acknowledged. */
  routingFeedClasses: {
    ownHarness: {},
    secretsScan: false, // a harness of its own; routingFeed already reads the feed with a token
    async run(h) {
      const [first, second] = [h.document(), h.document()];
      const handles = await Promise.all([h.start(first), h.start(second)]);
      await Promise.all(handles.map((handle) => waitForPhase(handle, 'REGISTERED')));
      const { items } = await h.control.injectSignals([
        { ...houseOf(first), routing: 'TO_CONTROL', malform: 'all-null' },
        { ...houseOf(first), routing: 'TO_ENTRY', malform: 'transport-level' },
        { ...houseOf(first), routing: 'TO_ENTRY', malform: 'untracked' },
        { ...houseOf(first), routing: 'TO_ENTRY', malform: 'unknown-routing' },
        { ...houseOf(second), routing: 'TO_ENTRY' },
      ]);
      const last = String(items.at(-1)!.routingResult.id);
      await feedWhen(h, (s) => s.marker === last && s.needsAttention, 'the marker at the last id');
      await waitForPhase(handles[1]!, 'RELEASED');
      await h.feed.signal(acknowledgeSignal, { note: 'new routing value reported to Customs' });
      await feedWhen(h, (s) => !s.needsAttention, 'the acknowledgement');
      await h.feed.terminate('history recorded');
      await handles[0]!.terminate('history recorded');
      return { name: 'routingFeedClasses', workflowId: h.feed.workflowId };
    },
  },
  /**
   * A server that suggests continue-as-new after 25 events: the first run delivers a routing and
   * continues as new; that first run is the one recorded.
   */
  routingFeedContinueAsNew: {
    ownHarness: { feedPollInterval: '1 hour' },
    dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 25 },
    secretsScan: false,
    async run(h) {
      const doc = h.document();
      const handle = await h.start(doc);
      await waitForPhase(handle, 'REGISTERED');
      await h.control.injectSignals([{ ...houseOf(doc), routing: 'TO_ENTRY' }]);
      const firstRun = h.client.workflow.getHandle(h.feed.workflowId, h.feed.firstExecutionRunId);
      const latest = h.client.workflow.getHandle(h.feed.workflowId);
      // Each pollNow costs the run a poll's events, until the server suggests continuing as new.
      await eventually(
        async () => {
          const { status } = await firstRun.describe();
          if (status.name === 'CONTINUED_AS_NEW') return true;
          await latest.signal(pollNowSignal);
          return undefined;
        },
        { timeoutMs: SETTLE_MS, intervalMs: 300, what: 'the first run to continue as new' },
      );
      await waitForPhase(handle, 'RELEASED');
      await latest.terminate('history recorded');
      return {
        name: 'routingFeedContinueAsNew',
        workflowId: h.feed.workflowId,
        runId: h.feed.firstExecutionRunId,
      };
    },
  },
};
