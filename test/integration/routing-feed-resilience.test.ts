// Given a routing feed that meets a Customs problem (an item it cannot read, a refused token) or
// loses its run: the feed keeps going, shows the problem in its status, and never loses its marker.
import { routingFeedWorkflowId, SEARCH_ATTRIBUTES } from '../../src/shared';
import { RoutingFeedReader } from '../../src/client';
import { ensureRoutingFeed } from '../../src/worker';
import { routingFeedStatusQuery, type RoutingFeedStatus } from '../../workflows/routing-feed/messages';
import { eventually, SETTLE_MS } from '../helpers/temporal';
import { houseOf, startHarness, waitForPhase, type Harness } from './consignment.harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ feedPollInterval: '300ms' });
});
afterAll(async () => {
  await h?.close();
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

/** How many runs of this feed the Temporal UI filter `DigitollNeedsAttention = true` lists. */
async function flaggedFeeds(): Promise<number> {
  const query = `WorkflowId = '${routingFeedWorkflowId(h.organisation)}' AND ${SEARCH_ATTRIBUTES.needsAttention.name} = true AND ExecutionStatus = 'Running'`;
  return (await h.client.workflow.count(query)).count;
}

function unknownHouse(tag: string) {
  return { documentNumber: `${houseOf(h.document()).documentNumber}-${tag}`, type: 'N730' };
}

test('given an unknown routing value and an unreadable item in the middle of a page, when the feed reads them, then they are counted and listed, the items around them are delivered, the marker reaches the last id and the feed needs attention until acknowledged', async () => {
  const doc = h.document();
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  const house = houseOf(doc);
  const before = await h.feed.query(routingFeedStatusQuery);
  const { items } = await h.control.injectSignals([
    { ...house, routing: 'TO_CONTROL' },
    { ...house, routing: 'TO_CONTROL', malform: 'unknown-routing' },
    { ...house, routing: 'TO_CONTROL', malform: 'missing-type' },
    { ...house, routing: 'TO_ENTRY' },
  ]);
  const ids = items.map((i) => String(i.routingResult.id));

  const status = await feedStatusWhen((s) => s.marker === ids[3], 'the marker at the last id');
  expect(status.totals.received - before.totals.received).toBe(4);
  expect(status.totals.unknownRouting - before.totals.unknownRouting).toBe(1);
  expect(status.totals.unreadable - before.totals.unreadable).toBe(1);
  expect(status.totals.delivered - before.totals.delivered).toBe(2);
  expect(status.unexplained.slice(-2)).toEqual([
    expect.objectContaining({ class: 'unknown-routing', routingId: ids[1], index: 1 }),
    expect.objectContaining({ class: 'unreadable', routingId: ids[2], index: 2 }),
  ]);
  expect(status.unexplained.at(-1)!.issues[0]!.path).toBe('transportDocumentHouseLevel.type');
  expect(status.needsAttention).toBe(true);
  const acknowledged = await new RoutingFeedReader(h.client, h.organisation).acknowledge();
  expect(acknowledged?.needsAttention).toBe(false);
  await eventually(async () => ((await flaggedFeeds()) === 0 ? true : undefined), {
    what: 'the feed to leave the DigitollNeedsAttention = true list',
  });

  const consignment = await waitForPhase(handle, 'RELEASED');
  expect(consignment.routingHistory.map((r) => r.id)).toEqual([ids[0], ids[3]]);
  expect((await h.feed.describe()).status.name).toBe('RUNNING');
}, 120_000);

test.each([
  { status: 403 as const, callsPerFailedPoll: 1 },
  // The client renews its token and tries once more after a 401: two refused calls per poll.
  { status: 401 as const, callsPerFailedPoll: 2 },
])(
  'given Customs answers $status to the routing calls until it is fixed, when the feed polls, then the failure shows in its status and in the UI list, the feed keeps running and recovers',
  async ({ status: httpStatus, callsPerFailedPoll }) => {
    const before = await h.feed.query(routingFeedStatusQuery);
    const refusedCalls = async () =>
      (await h.control.calls({ endpoint: 'routing' })).calls.filter((c) => c.status === httpStatus).length;
    const refusedBefore = await refusedCalls();
    // Refused until cleared: a fixed number of refusals would end the attention within a second,
    // before a slow machine had seen it.
    await h.control.injectFault({
      endpoint: 'routing',
      action: { type: 'status', status: httpStatus },
      count: 100_000,
    });
    const { items } = await h.control.injectSignals([
      { ...unknownHouse(`AUTH${httpStatus}`), routing: 'TO_ENTRY' },
    ]);
    const lastId = String(items[0]!.routingResult.id);

    const failing = await feedStatusWhen(
      (s) => s.needsAttention && s.totals.failedPolls - before.totals.failedPolls >= 2,
      'the feed to report two failed polls',
    );
    expect(failing.lastError).toMatchObject({ type: 'UNAUTHORIZED' });
    expect(failing.marker).toBe(before.marker);
    expect((await h.feed.describe()).status.name).toBe('RUNNING');
    await eventually(async () => ((await flaggedFeeds()) === 1 ? true : undefined), {
      what: 'the feed to be listed with DigitollNeedsAttention = true',
    });

    await h.control.clearFaults();
    // The item itself, not the marker: the emulator may publish planned routing right after it.
    const recovered = await feedStatusWhen(
      (s) => s.consecutiveFailures === 0 && s.recentUnmatched.some((u) => u.routingId === lastId),
      'the feed to recover',
    );
    expect(recovered.needsAttention).toBe(false);
    await eventually(async () => ((await flaggedFeeds()) === 0 ? true : undefined), {
      what: 'the feed to leave the DigitollNeedsAttention = true list',
    });
    expect(recovered.consecutiveFailures).toBe(0);
    expect(recovered.totals.received - before.totals.received).toBeGreaterThanOrEqual(1);
    expect(recovered.lastError).toMatchObject({ type: 'UNAUTHORIZED' });
    // Each failed poll made its refused calls; a poll under way when the fault was cleared may
    // have made one more refused call and then succeeded.
    const failedPolls = recovered.totals.failedPolls - before.totals.failedPolls;
    const refused = (await refusedCalls()) - refusedBefore;
    expect(refused).toBeGreaterThanOrEqual(failedPolls * callsPerFailedPoll);
    expect(refused).toBeLessThanOrEqual(failedPolls * callsPerFailedPoll + callsPerFailedPoll - 1);
  },
  120_000,
);

test('given the feed run was terminated, when the worker ensures the feed again, then a new run resumes from the old marker and totals instead of the start of the feed', async () => {
  const { items } = await h.control.injectSignals([{ ...unknownHouse('RESUME-1'), routing: 'TO_ENTRY' }]);
  const before = await feedStatusWhen((s) => s.marker === String(items[0]!.routingResult.id), 'marker');
  await h.feed.terminate('operator stopped the feed');

  const again = await ensureRoutingFeed(h.client, {
    organisation: h.organisation,
    pollInterval: '300ms',
    taskQueues: h.taskQueues,
  });
  expect(again.firstExecutionRunId).not.toBe(h.feed.firstExecutionRunId);
  const resumed = await again.query(routingFeedStatusQuery);
  expect(resumed.marker).toBe(before.marker);
  expect(resumed.totals).toEqual(before.totals);

  const next = await h.control.injectSignals([{ ...unknownHouse('RESUME-2'), routing: 'TO_ENTRY' }]);
  const lastId = String(next.items[0]!.routingResult.id);
  const after = await feedStatusWhen((s) => s.marker === lastId, 'the new run to read on');
  // Only the new item was read: the feed was not read again from its start.
  expect(after.totals.received).toBe(before.totals.received + 1);
}, 120_000);
