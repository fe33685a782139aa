// Routing ids and the state file: a client's marker survives a restart of the twin, ids follow
// the order in which signals became due, and with a data folder the twin resumes where it was.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATE_FILE } from '../../../src/emulator';
import { QUIET, eventually, readFeed, register, sampleHouse, startHarness, submit } from './helpers';

it('given a numeric marker from a previous instance, when a new instance publishes a signal, then the page after the old marker contains it', async () => {
  const before = await startHarness({ ...QUIET, style: { idsAsNumbers: true } });
  let marker: string;
  try {
    await before.control.injectSignals([{ documentNumber: 'RESTART-1', type: 'N730', routing: 'TO_ENTRY' }]);
    marker = String((await readFeed(before))[0]!.routingResult.id);
  } finally {
    await before.close();
  }
  // A real restart takes far longer than a millisecond; this only rules out a same-millisecond start.
  await eventually(async () => (Date.now() > Number(marker) ? true : undefined));
  const after = await startHarness({ ...QUIET, style: { idsAsNumbers: true } });
  try {
    await after.control.injectSignals([{ documentNumber: 'RESTART-2', type: 'N730', routing: 'TO_ENTRY' }]);
    const page = await readFeed(after, marker);
    expect(page.map((i) => i.transportDocumentHouseLevel?.referenceNumber)).toEqual(['RESTART-2']);
    expect(Number(page[0]!.routingResult.id)).toBeGreaterThan(Number(marker));
  } finally {
    await after.close();
  }
});

it('given a UUID marker from a previous in-memory instance, when a new instance publishes, then the page after it holds every new item', async () => {
  const before = await startHarness(QUIET);
  await before.control.injectSignals([{ documentNumber: 'OLD', type: 'N730', routing: 'TO_ENTRY' }]);
  const marker = String((await readFeed(before))[0]!.routingResult.id);
  await before.close();
  const after = await startHarness(QUIET);
  try {
    await after.control.injectSignals([{ documentNumber: 'NEW', type: 'N730', routing: 'TO_ENTRY' }]);
    expect(
      (await readFeed(after, marker)).map((i) => i.transportDocumentHouseLevel?.referenceNumber),
    ).toEqual(['NEW']);
  } finally {
    await after.close();
  }
});

it('given a planned signal already due, when a signal is injected, then the planned one is published first', async () => {
  const h = await startHarness(QUIET);
  try {
    const planned = { documentNumber: 'DUE-1', type: 'N730' };
    await h.control.setRoutingPlan(planned, [{ routing: 'TO_CONTROL', afterMs: 0 }]);
    await h.control.registerArrival(planned);
    await h.control.injectSignals([{ documentNumber: 'INJECTED-1', type: 'N730', routing: 'TO_ENTRY' }]);
    const feed = await readFeed(h);
    expect(feed.map((i) => i.transportDocumentHouseLevel?.referenceNumber)).toEqual(['DUE-1', 'INJECTED-1']);
  } finally {
    await h.close();
  }
});

describe('state file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emulator-state-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('given a twin with a data folder, when it restarts, then houses, pending requests, planned presentations and the feed position survive', async () => {
    const first = await startHarness({ dataDir: dir, autoPresentAfterMs: 400, extraRoutingItemsEvery: 0 });
    const mrn = await register(first, 'road', sampleHouse('KEEP-1'));
    await first.control.setProcessing({ delayMs: 60_000 });
    const pending = await submit(first, 'road', sampleHouse('KEEP-2'));
    await first.control.injectSignals([{ documentNumber: 'SEEN', type: 'N730', routing: 'TO_ENTRY' }]);
    const marker = String((await readFeed(first)).at(-1)!.routingResult.id);
    await first.close();
    expect(JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8'))).toMatchObject({ version: 1 });

    const second = await startHarness({ dataDir: dir, autoPresentAfterMs: 400, extraRoutingItemsEvery: 0 });
    try {
      expect(await second.control.houses()).toEqual(
        expect.arrayContaining([expect.objectContaining({ documentNumber: 'KEEP-1', mrn })]),
      );
      const later = await eventually(async () => {
        const items = await readFeed(second, marker);
        return items.length > 0 ? items : undefined;
      });
      expect(later.map((i) => i.transportDocumentHouseLevel?.referenceNumber)).toEqual(['KEEP-1']);
      expect(second.emulator.context.store.getRequest(pending)).toMatchObject({ house: 'N730:KEEP-2' });
    } finally {
      await second.close();
    }
  });
});
