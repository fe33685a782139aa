// routingResult.id across emulator restarts and between planned and injected signals: a client's
// marker survives an emulator restart, and ids follow the order in which signals became due.
import type { RoutingItem } from '../../../src/domain';
import { RoutingFeed } from '../../../src/emulator/feed';
import { loadPlayground } from '../../../src/emulator/playground';
import { type Harness, eventually, startHarness } from './helpers';

async function readAfter(h: Harness, marker?: string): Promise<RoutingItem[]> {
  const all: RoutingItem[] = [];
  for (;;) {
    const page = await h.digitoll.getRoutingPage(marker);
    if (page.length === 0) return all;
    all.push(...page);
    marker = page.at(-1)!.routingResult.id;
  }
}

it('given a marker from a previous emulator instance, when a new instance publishes a signal, then the page after the old marker contains it', async () => {
  const before = await startHarness();
  let marker: string;
  try {
    await before.control.injectSignals([{ documentNumber: 'RESTART-1', type: 'N730', routing: 'TO_ENTRY' }]);
    const items = await readAfter(before);
    expect(items).toHaveLength(1);
    marker = items[0]!.routingResult.id;
  } finally {
    await before.close();
  }
  // A real restart takes far longer than a millisecond; this only rules out a same-millisecond start.
  await eventually(async () => (Date.now() > Number(marker) ? true : undefined));

  const after = await startHarness();
  try {
    await after.control.injectSignals([{ documentNumber: 'RESTART-2', type: 'N730', routing: 'TO_ENTRY' }]);
    const page = await after.digitoll.getRoutingPage(marker);
    expect(page.map((i) => i.transportDocumentHouseLevel.referenceNumber)).toEqual(['RESTART-2']);
    expect(Number(page[0]!.routingResult.id)).toBeGreaterThan(Number(marker));
  } finally {
    await after.close();
  }
});

it('given a planned signal already due, when a signal is injected, then the planned one is published first with the lower id', async () => {
  const h = await startHarness();
  try {
    const planned = { documentNumber: 'DUE-1', type: 'N730' };
    await h.control.setRoutingPlan(planned, [{ routing: 'TO_CONTROL', afterMs: 0 }]);
    await h.control.registerArrival(planned);
    const { items: injected } = await h.control.injectSignals([
      { documentNumber: 'INJECTED-1', type: 'N730', routing: 'TO_ENTRY' },
    ]);
    const feed = await readAfter(h);
    expect(feed.map((i) => i.transportDocumentHouseLevel.referenceNumber)).toEqual(['DUE-1', 'INJECTED-1']);
    expect(Number(feed[0]!.routingResult.id)).toBeLessThan(injected[0]!.routingResult.id);
  } finally {
    await h.close();
  }
});

it('given a feed starting at a given id, when signals are published, then their ids are consecutive from it', () => {
  const feed = new RoutingFeed(loadPlayground(), {}, 5_000);
  const ref = { documentNumber: 'SEQ-1', type: 'N730' };
  const items = feed.inject(
    [
      { ...ref, routing: 'TO_ENTRY' },
      { ...ref, routing: 'TO_ENTRY' },
    ],
    0,
  );
  expect(items.map((i) => i.routingResult.id)).toEqual([5_000, 5_001]);
  expect(feed.snapshot(0).lastId).toBe(5_001);
});
