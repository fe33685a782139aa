// Given a routing page that mixes house items (one with every optional field null) with items the
// feed cannot apply (transport-level, an untracked house, an unknown routing value, a re-sent item
// for a finished house): every house item is applied, the rest is counted by class, the marker
// reaches the last id, and the feed needs attention until an operator acknowledges the unexplained.
import { routingFeedWorkflowId, SEARCH_ATTRIBUTES } from '../../src/shared';
import { routingFeedStatusQuery, type RoutingFeedStatus } from '../../workflows/routing-feed/messages';
import { eventually, SETTLE_MS } from '../helpers/temporal';
import { houseOf, waitForPhase } from './consignment.harness';
import { startGatewayHarness } from './gateway.harness';

let g: Awaited<ReturnType<typeof startGatewayHarness>>;
beforeAll(async () => {
  g = await startGatewayHarness();
});
afterAll(async () => {
  await g?.close();
});

function feedStatusWhen(predicate: (s: RoutingFeedStatus) => boolean, what: string) {
  return eventually(
    async () => {
      const s = await g.h.feed.query(routingFeedStatusQuery);
      return predicate(s) ? s : undefined;
    },
    { timeoutMs: SETTLE_MS, intervalMs: 50, what },
  );
}

/** How many runs of this feed the Temporal UI filter `DigitollNeedsAttention = true` lists. */
async function flaggedFeeds(): Promise<number> {
  const query = `WorkflowId = '${routingFeedWorkflowId(g.h.organisation)}' AND ${SEARCH_ATTRIBUTES.needsAttention.name} = true AND ExecutionStatus = 'Running'`;
  return (await g.h.client.workflow.count(query)).count;
}

const flagged = (count: number) =>
  eventually(async () => ((await flaggedFeeds()) === count ? true : undefined), {
    what: `${count} feed(s) listed under DigitollNeedsAttention = true`,
  });

test('given house items (one all null), a transport-level, an untracked and an unknown-routing item, when the feed reads them, then the houses move, the rest is counted and listed, and the feed needs attention until acknowledged through the client', async () => {
  const { h } = g;
  const [first, second] = [h.document(), h.document()];
  const handles = await Promise.all([h.start(first), h.start(second)]);
  await Promise.all(handles.map((handle) => waitForPhase(handle, 'REGISTERED')));
  const before = await h.feed.query(routingFeedStatusQuery);
  const { items } = await h.control.injectSignals([
    { ...houseOf(first), routing: 'TO_CONTROL', malform: 'all-null' },
    { ...houseOf(first), routing: 'TO_ENTRY', malform: 'transport-level' },
    { ...houseOf(first), routing: 'TO_ENTRY', malform: 'untracked' },
    { ...houseOf(first), routing: 'TO_ENTRY', malform: 'unknown-routing' },
    { ...houseOf(second), routing: 'TO_ENTRY' },
  ]);
  const ids = items.map((i) => String(i.routingResult.id));

  const status = await feedStatusWhen((s) => s.marker === ids[4], 'the marker at the last id');
  const delta = (key: keyof RoutingFeedStatus['totals']) => status.totals[key] - before.totals[key];
  expect(delta('received')).toBe(5);
  expect(delta('delivered')).toBe(2);
  expect(delta('transportLevel')).toBe(1);
  expect(delta('unmatched')).toBe(1);
  expect(delta('unknownRouting')).toBe(1);
  expect(delta('unreadable')).toBe(0);
  expect(status.unexplained.at(-1)).toMatchObject({ class: 'unknown-routing', routingId: ids[3], index: 3 });
  expect(status.unexplained.at(-1)!.excerpt.length).toBeGreaterThan(0);
  expect(status.needsAttention).toBe(true);
  expect(status.needsAttentionReason).toMatch(/1 item\(s\) unexplained/);
  await flagged(1);
  await waitForPhase(handles[0]!, 'TO_CONTROL');
  await waitForPhase(handles[1]!, 'RELEASED');

  const acknowledged = await g.flow.acknowledgeRoutingFeed({ note: 'new routing value reported to Customs' });
  expect(acknowledged).toMatchObject({ needsAttention: false, unacknowledged: 0 });
  expect(acknowledged!.needsAttentionReason).toBeUndefined();
  expect(acknowledged!.unexplained.at(-1)!.acknowledgedAt).toEqual(expect.any(String));
  expect(acknowledged!.lastAcknowledgement).toMatchObject({ acknowledged: 1, note: expect.any(String) });
  await flagged(0);
}, 150_000);

test('given a house whose workflow has finished, when Customs re-sends its routing, then it is counted as already final, not as untracked', async () => {
  const { h } = g;
  const doc = h.document();
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  const { items } = await h.control.injectSignals([{ ...houseOf(doc), routing: 'TO_ENTRY' }]);
  await feedStatusWhen((s) => s.marker === String(items[0]!.routingResult.id), 'the first routing read');
  await handle.result();
  const before = await h.feed.query(routingFeedStatusQuery);

  const again = await h.control.injectSignals([{ ...houseOf(doc), routing: 'TO_ENTRY' }]);
  const after = await feedStatusWhen((s) => s.marker === String(again.items[0]!.routingResult.id), 'marker');
  expect(after.totals.alreadyFinal - before.totals.alreadyFinal).toBe(1);
  expect(after.totals.unmatched - before.totals.unmatched).toBe(0);
  expect(after.needsAttention).toBe(false);
}, 120_000);

test('given an unexplained item, when an operator acknowledges through the gateway, then the feed leaves the needs-attention list; an unknown upTo is refused with 400', async () => {
  const { h } = g;
  const doc = h.document();
  const { items } = await h.control.injectSignals([
    { ...houseOf(doc), routing: 'TO_CONTROL', malform: 'missing-type' },
  ]);
  const id = String(items[0]!.routingResult.id);
  // Waits for the item itself: the emulator may order items published around it differently.
  const status = await feedStatusWhen(
    (s) => s.needsAttention && s.unexplained.some((u) => u.routingId === id),
    'the unreadable item listed',
  );
  expect(status.unexplained.at(-1)).toMatchObject({ class: 'unreadable', routingId: id });

  const refused = await g.call('POST', '/v1/routing-feed/acknowledge', { upTo: 'no-such-id' });
  expect(refused.statusCode).toBe(400);
  expect(refused.json().issues).toEqual([expect.objectContaining({ path: 'upTo' })]);

  const res = await g.call('POST', '/v1/routing-feed/acknowledge', { upTo: id, note: 'seen' });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ needsAttention: false, unacknowledged: 0 });
  const shown = await g.call('GET', '/v1/routing-feed');
  expect(shown.json().unexplained.at(-1)).toMatchObject({
    routingId: id,
    acknowledgedAt: expect.any(String),
  });
  await flagged(0);
}, 120_000);
