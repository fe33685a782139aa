// "Nothing waits forever": a house whose workflow has reached the server's signal limit must not
// stop the routing of every other house. Given a server that takes at most 4 signals per
// execution, the feed lists the refused item as undeliverable and moves on.
import { arrivedSignal, retrySignal, statusQuery } from '../../workflows/consignment/messages';
import { routingFeedStatusQuery, type RoutingFeedStatus } from '../../workflows/routing-feed/messages';
import { eventually, SETTLE_MS } from '../helpers/temporal';
import {
  houseOf,
  startHarnessOnOwnServer,
  waitForPhase,
  waitForStatus,
  type Harness,
} from './consignment.harness';

let own: Awaited<ReturnType<typeof startHarnessOnOwnServer>>;
let h: Harness;

beforeAll(async () => {
  own = await startHarnessOnOwnServer(
    { 'history.maximumSignalsPerExecution': 4 },
    { feedPollInterval: '200ms' },
  );
  h = own.h;
}, 120_000);

afterAll(async () => {
  await own?.close();
});

function feedStatusWhen(predicate: (s: RoutingFeedStatus) => boolean, what: string) {
  return eventually(
    async () => {
      const s = await h.feed.query(routingFeedStatusQuery);
      return predicate(s) ? s : undefined;
    },
    { timeoutMs: SETTLE_MS, intervalMs: 50, what },
  );
}

test('given house X at the signal limit (arrival and three retries) and house Y beside it, when routing for both and then TO_ENTRY for Y arrive, then Y is RELEASED, X is listed as undeliverable and the marker reaches the last id', async () => {
  const [x, y] = [h.document(), h.document()];
  const [hx, hy] = await Promise.all([h.start(x), h.start(y)]);
  await Promise.all([waitForPhase(hx, 'REGISTERED'), waitForPhase(hy, 'REGISTERED')]);
  await hx.signal(arrivedSignal, {});
  await hy.signal(arrivedSignal, {});
  await Promise.all([waitForPhase(hx, 'AWAITING_ROUTING'), waitForPhase(hy, 'AWAITING_ROUTING')]);
  for (let i = 0; i < 3; i++) await hx.signal(retrySignal);
  const before = await h.feed.query(routingFeedStatusQuery);

  const first = await h.control.injectSignals([
    { ...houseOf(x), routing: 'TO_CONTROL' },
    { ...houseOf(y), routing: 'TO_CONTROL' },
  ]);
  await feedStatusWhen((s) => s.marker === String(first.items[1]!.routingResult.id), 'the first page');
  const second = await h.control.injectSignals([{ ...houseOf(y), routing: 'TO_ENTRY' }]);
  const lastId = String(second.items[0]!.routingResult.id);

  const status = await feedStatusWhen((s) => s.marker === lastId, 'the marker at the last id');
  await waitForStatus(hy, (s) => s.phase === 'RELEASED', 'Y released', 30_000);
  expect(status.totals.undeliverable - before.totals.undeliverable).toBe(1);
  expect(status.totals.delivered - before.totals.delivered).toBe(2);
  expect(status.undeliverable).toEqual([
    expect.objectContaining({
      workflowId: hx.workflowId,
      routingId: String(first.items[0]!.routingResult.id),
      routing: 'TO_CONTROL',
      reason: expect.stringMatching(/signal/i),
    }),
  ]);
  expect(status.needsAttention).toBe(true);
  expect(status.needsAttentionReason).toMatch(/undeliverable/);
  expect(status.totals.failedPolls - before.totals.failedPolls).toBe(0);
  expect((await hx.query(statusQuery)).phase).toBe('AWAITING_ROUTING');
}, 150_000);
