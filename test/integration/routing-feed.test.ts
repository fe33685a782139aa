// Given Customs' routing feed with more than one page: the feed workflow delivers every item to
// its consignment, counts the unknown ones and keeps its marker at the last id.
import { routingFeedStatusQuery } from '../../workflows/routing-feed/messages';
import { statusQuery } from '../../workflows/consignment/messages';
import { eventually } from '../helpers/temporal';
import { houseOf, startHarness, waitForPhase, type Harness } from './consignment.harness';

/** Every payload in an event, decoded as text (inputs, results, memos, signals, anything). */
function payloadsOf(event: object): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (value instanceof Uint8Array) found.push(Buffer.from(value).toString('utf8'));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(event);
  return found;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ feedPollInterval: '500ms' });
});
afterAll(async () => {
  await h?.close();
});

test('given 2,000 routing signals over several pages, when the feed runs, then each reaches its consignment, unknown ones are counted and the marker ends at the last id', async () => {
  const docs = Array.from({ length: 8 }, () => h.document());
  const handles = await Promise.all(docs.map((doc) => h.start(doc)));
  await Promise.all(handles.map((handle) => waitForPhase(handle, 'REGISTERED')));
  const unknown = [
    { documentNumber: `${houseOf(docs[0]!).documentNumber}-UNKNOWN-1`, type: 'N730' },
    { documentNumber: `${houseOf(docs[0]!).documentNumber}-UNKNOWN-2`, type: 'N730' },
  ];
  const houses = [...docs.map(houseOf), ...unknown];
  const before = await h.feed.query(routingFeedStatusQuery);
  const published = await h.control.injectBulkSignals({ houses, count: 2_000, routing: 'TO_CONTROL' });
  expect(published.published).toBe(2_000);

  const status = await eventually(
    async () => {
      const s = await h.feed.query(routingFeedStatusQuery);
      return s.marker === String(published.lastId) ? s : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 250, what: 'feed marker at the last id' },
  );
  // Round-robin over 10 houses: 200 each; the two unknown houses account for 400.
  expect(status.totals.received - before.totals.received).toBe(2_000);
  expect(status.totals.unmatched - before.totals.unmatched).toBe(400);
  expect(status.totals.delivered - before.totals.delivered).toBe(1_600);
  expect(status.totals.pages - before.totals.pages).toBeGreaterThanOrEqual(2);
  expect(status.recentUnmatched.length).toBeLessThanOrEqual(100);
  expect(status.recentUnmatched[0]!.workflowId).toMatch(/UNKNOWN/);

  for (const handle of handles) {
    const s = await handle.query(statusQuery);
    expect(s.routingHistory).toHaveLength(200);
    expect(s.phase).toBe('TO_CONTROL');
    const ids = s.routingHistory.map((r) => Number(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  }
  await Promise.all(handles.map((handle) => handle.terminate('test finished')));
}, 120_000);

test('given full pages were read, when the feed history is inspected, then no event carries routing items and every payload is small', async () => {
  const history = await h.feed.fetchHistory();
  const payloads = (history.events ?? []).flatMap(payloadsOf);
  expect(payloads.length).toBeGreaterThan(0);
  const largest = Math.max(...payloads.map((p) => p.length));
  // A page of 1000 items is about 150 kB as JSON; one poll's counters and bounded lists stay far below.
  expect(largest).toBeLessThan(20_000);
  expect(payloads.some((p) => p.includes('referenceNumber'))).toBe(false);
  expect(payloads.some((p) => p.includes('transportDocumentHouseLevel'))).toBe(false);
});

test('given the feed already runs, when the worker ensures it again, then the same run is returned', async () => {
  const { ensureRoutingFeed } = await import('../../src/worker');
  const again = await ensureRoutingFeed(h.client, { organisation: h.organisation, taskQueues: h.taskQueues });
  expect(again.firstExecutionRunId).toBe(h.feed.firstExecutionRunId);
});
