// Given a routing feed polling every 2 s and Customs answering each poll only after 1.5 s, the
// polls still start 2 s apart: the wait for the next poll starts with the poll, so a slow poll
// (or its workflow tasks queued behind busy houses) does not stretch the interval.
import { routingFeedStatusQuery } from '../../workflows/routing-feed/messages';
import { eventually, SETTLE_MS } from '../helpers/temporal';
import { startHarness, type Harness } from './consignment.harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ feedPollInterval: '2s' });
});
afterAll(async () => {
  await h?.close();
});

const routingCallTimes = async () =>
  (await h.control.calls({ endpoint: 'routing' })).calls.map((call) => Date.parse(call.at));

test('given polls that take 1.5 s, when the feed polls every 2 s, then the polls start 2 s apart, not 3.5 s', async () => {
  await eventually(
    async () => ((await h.feed.query(routingFeedStatusQuery)).lastPollAt !== undefined ? true : undefined),
    { timeoutMs: 20_000, intervalMs: 50, what: 'the first poll' },
  );
  const before = (await routingCallTimes()).length;
  await h.control.injectFault({ endpoint: 'routing', action: { type: 'slow', delayMs: 1_500 }, count: 4 });
  const slow = await eventually(
    async () => {
      const times = await routingCallTimes();
      return times.length >= before + 4 ? times.slice(before, before + 4) : undefined;
    },
    { timeoutMs: SETTLE_MS, intervalMs: 100, what: 'four slow polls' },
  );
  // Each slow call is recorded when its answer leaves, 1.5 s after it came: the gaps between
  // answers are the gaps between the polls' starts.
  const gaps = slow.slice(1).map((at, i) => at - slow[i]!);
  for (const gap of gaps) {
    expect(gap).toBeGreaterThanOrEqual(1_900);
    expect(gap).toBeLessThan(3_000);
  }
}, 120_000);
