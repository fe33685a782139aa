// Edges where a consignment could stall unseen: a parked presentation made moot by routing, and
// our own rate limit mistaken for Customs' silence.
import { arrivedSignal } from '../../workflows/consignment/messages';
import {
  FAST_TIMINGS,
  houseOf,
  startHarness,
  waitForPhase,
  waitForStatus,
  type Harness,
} from './consignment.harness';

describe('a parked presentation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  test('given the presentation refused with 403 ten times, when TO_ENTRY arrives, then the park ends and the goods are RELEASED within seconds, no retry needed', async () => {
    const doc = h.document();
    const handle = await h.start(doc, { presentation: { customsOfficeOfPresentation: 'NO351001' } });
    await waitForPhase(handle, 'REGISTERED');
    await h.control.injectFault({
      endpoint: 'presentation',
      action: { type: 'status', status: 403 },
      count: 10,
    });
    try {
      await handle.signal(arrivedSignal, {});
      const parked = await waitForStatus(
        handle,
        (s) => s.phase === 'PRESENTING' && s.needsAttention,
        'parked',
      );
      expect(parked.needsAttentionReason).toMatch(/credentials/);
      const started = performance.now();
      await h.control.injectSignals([{ ...houseOf(doc), routing: 'TO_ENTRY' }]);
      expect((await handle.result()).phase).toBe('RELEASED');
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await h.control.clearFaults();
    }
  });
});

describe("Customs' own limits", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  test('given no arrival and no routing within the limit, then the consignment ends EXPIRED and still shows NeedsAttention with the reason', async () => {
    const doc = h.document();
    const handle = await h.start(doc, { timings: { ...FAST_TIMINGS, expireAfter: '2s' } });
    const result = await handle.result();
    expect(result.phase).toBe('EXPIRED');
    const status = await handle.describe();
    expect(status.searchAttributes.DigitollNeedsAttention).toEqual([true]);
    expect(status.searchAttributes.DigitollPhase).toEqual(['EXPIRED']);
  });

  test('given a REJECTED document and no correction within the wait, then it ends EXPIRED with the reason instead of waiting for ever', async () => {
    const doc = h.document();
    doc.consignmentHouseLevel.goodsDescription = '';
    const handle = await h.start(doc, { timings: { ...FAST_TIMINGS, correctionWait: '2s' } });
    const expired = await waitForPhase(handle, 'EXPIRED');
    expect(expired.needsAttention).toBe(true);
    expect(expired.needsAttentionReason).toMatch(/no correction came within 2s/);
  });
});

describe('our own rate limit', () => {
  const COUNT = 60;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ digitollActivitiesPerSecond: 1 });
  });
  afterAll(async () => {
    await h?.close();
  });

  test(`given 1 Customs call a second and a 20 s validation deadline, when ${COUNT} consignments start at once, then none parks before Customs has seen its POST`, async () => {
    const docs = Array.from({ length: COUNT }, () => h.document());
    const timings = { ...FAST_TIMINGS, validationDeadline: '20s' as const };
    const handles = await Promise.all(docs.map((doc) => h.start(doc, { timings })));
    const parkedUnseen = new Set<string>();
    const deadline = performance.now() + 150_000;
    let posted = 0;
    while (posted < COUNT && performance.now() < deadline) {
      const calls = await h.control.calls({ endpoint: 'house-create' });
      const seen = new Set(calls.calls.map((c) => c.house));
      posted = docs.filter((d) => seen.has(`${houseOf(d).type}:${houseOf(d).documentNumber}`)).length;
      const statuses = await Promise.all(handles.map((x) => x.describe()));
      statuses.forEach((d, i) => {
        const key = `${houseOf(docs[i]!).type}:${houseOf(docs[i]!).documentNumber}`;
        const attention = d.searchAttributes.DigitollNeedsAttention?.[0] === true;
        if (attention && !seen.has(key)) parkedUnseen.add(key);
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(posted).toBe(COUNT);
    expect([...parkedUnseen]).toEqual([]);
    await Promise.all(handles.map((x) => x.terminate('test finished').catch(() => undefined)));
  }, 200_000);
});
