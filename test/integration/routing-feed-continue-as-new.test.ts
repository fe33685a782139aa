// Given a server that suggests continue-as-new after a couple of dozen history events (one poll
// takes about ten), the routing feed continues as new several times while it works through the
// feed, and loses nothing: the marker, the totals, the memo and every consignment's signals carry over.
import { routingFeedWorkflowId, SEARCH_ATTRIBUTES } from '../../src/shared';
import { statusQuery } from '../../workflows/consignment/messages';
import { ROUTING_FEED_MEMO_KEY, routingFeedStatusQuery } from '../../workflows/routing-feed/messages';
import { eventually } from '../helpers/temporal';
import { houseOf, startHarnessOnOwnServer, waitForPhase, type Harness } from './consignment.harness';

let own: Awaited<ReturnType<typeof startHarnessOnOwnServer>>;
let h: Harness;

beforeAll(async () => {
  own = await startHarnessOnOwnServer(
    { 'limit.historyCount.suggestContinueAsNew': 25 },
    { feedPollInterval: '100ms' },
  );
  h = own.h;
}, 120_000);

afterAll(async () => {
  await own?.close();
});

test('given continue-as-new suggested early, when the feed delivers 2,500 signals over many polls, then marker, totals and deliveries survive every new run', async () => {
  const docs = [h.document(), h.document()];
  const handles = await Promise.all(docs.map((doc) => h.start(doc)));
  await Promise.all(handles.map((handle) => waitForPhase(handle, 'REGISTERED')));
  const unknown = { documentNumber: `${houseOf(docs[0]!).documentNumber}-UNKNOWN`, type: 'N730' };

  let lastId = 0;
  for (let batch = 0; batch < 5; batch++) {
    const published = await h.control.injectBulkSignals({
      houses: [...docs.map(houseOf), unknown],
      count: 500,
      routing: 'TO_CONTROL',
    });
    lastId = published.lastId!;
    await eventually(
      async () => ((await h.feed.query(routingFeedStatusQuery)).marker === String(lastId) ? true : undefined),
      { timeoutMs: 60_000, intervalMs: 100, what: `the feed to reach id ${lastId}` },
    );
  }

  const status = await h.feed.query(routingFeedStatusQuery);
  expect(status.marker).toBe(String(lastId));
  expect(status.totals.received).toBe(2_500);
  // The emulator deals each batch of 500 round-robin over [doc0, doc1, unknown]: 167, 167, 166.
  expect(status.totals.unmatched).toBe(5 * 166);
  expect(status.totals.delivered).toBe(5 * 334);
  // The memo a new run would resume from (should this run ever close) follows the marker.
  const { memo } = await h.feed.describe();
  expect(memo?.[ROUTING_FEED_MEMO_KEY]).toMatchObject({ marker: String(lastId), totals: status.totals });

  const runs: string[] = [];
  for await (const execution of h.client.workflow.list({
    query: `WorkflowId = '${routingFeedWorkflowId(h.organisation)}'`,
  })) {
    runs.push(execution.status.name);
  }
  expect(runs.filter((s) => s === 'CONTINUED_AS_NEW').length).toBeGreaterThanOrEqual(2);

  for (const handle of handles) {
    const s = await handle.query(statusQuery);
    expect(s.routingHistory).toHaveLength(5 * 167);
    expect(s.phase).toBe('TO_CONTROL');
  }
}, 180_000);

test('given Customs refuses the feed across several new runs, when it recovers, then the failure count carried over and the feed leaves the needs-attention list', async () => {
  const feedId = routingFeedWorkflowId(h.organisation);
  const runs = async () => {
    let count = 0;
    for await (const _ of h.client.workflow.list({ query: `WorkflowId = '${feedId}'` })) count += 1;
    return count;
  };
  const flagged = async () =>
    (
      await h.client.workflow.count(
        `WorkflowId = '${feedId}' AND ${SEARCH_ATTRIBUTES.needsAttention.name} = true AND ExecutionStatus = 'Running'`,
      )
    ).count;
  const runsBefore = await runs();
  // Refused until cleared: with exactly eight, the ninth poll could reset the count before it is seen.
  await h.control.injectFault({
    endpoint: 'routing',
    action: { type: 'status', status: 403 },
    count: 100_000,
  });

  // One failed poll writes fewer events than the server's threshold of 25, so 8 in a row span
  // several runs: the count only reaches 8 if every new run carries it over.
  const failing = await eventually(
    async () => {
      const s = await h.feed.query(routingFeedStatusQuery);
      return s.consecutiveFailures >= 8 ? s : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, what: 'eight consecutive failed polls' },
  );
  expect(failing.needsAttention).toBe(true);
  expect(await runs()).toBeGreaterThan(runsBefore + 1);
  await h.control.clearFaults();

  await eventually(
    async () => {
      const s = await h.feed.query(routingFeedStatusQuery);
      return !s.needsAttention && s.consecutiveFailures === 0 && (await flagged()) === 0 ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, what: 'the feed to recover and leave the needs-attention list' },
  );
}, 150_000);
