// Given a routing feed with a long poll interval, a `pollNow` signal that arrives while a poll is
// still running is not lost: the feed polls once more as soon as that poll ends.
import { pollNowSignal, routingFeedStatusQuery } from '../../workflows/routing-feed/messages';
import { eventually } from '../helpers/temporal';
import { startHarness, type Harness } from './consignment.harness';
import { waitForFaultsTaken } from './consignment-review.harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ feedPollInterval: '1 hour' });
});
afterAll(async () => {
  await h?.close();
});

const routingCalls = async () => (await h.control.calls({ endpoint: 'routing' })).byEndpoint.routing ?? 0;

test('given a poll in progress, when pollNow arrives during it, then the feed polls again right after instead of waiting the interval', async () => {
  await eventually(
    async () => ((await h.feed.query(routingFeedStatusQuery)).lastPollAt !== undefined ? true : undefined),
    { timeoutMs: 20_000, intervalMs: 50, what: 'the first poll' },
  );
  const before = await routingCalls();
  // The next routing call answers only after 1.5 s (within the client's 3 s timeout).
  await h.control.injectFault({ endpoint: 'routing', action: { type: 'slow', delayMs: 1_500 }, count: 1 });
  await h.feed.signal(pollNowSignal);
  await waitForFaultsTaken(h);
  await h.feed.signal(pollNowSignal);

  // One slow poll for the first signal, one more for the signal that arrived during it.
  await eventually(async () => ((await routingCalls()) >= before + 2 ? true : undefined), {
    timeoutMs: 20_000,
    intervalMs: 50,
    what: 'a second poll right after the slow one',
  });
  expect(await routingCalls()).toBe(before + 2);
}, 120_000);
