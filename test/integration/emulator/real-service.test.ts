// The real service's own initiative: Customs presents a registered house by itself and its routing
// follows without any arrival from the client; the feed also carries transport-level items and
// items for houses nobody registered here.
import { type Harness, QUIET, eventually, readFeed, register, sampleHouse, startHarness } from './helpers';

let h: Harness;
afterEach(() => h.close());

it('given automatic presentation after 200 ms, when a house is registered, then its routing arrives with no arrival from the client and the house shows as presented', async () => {
  h = await startHarness({ ...QUIET, autoPresentAfterMs: 200 });
  await h.control.setRoutingPlan({ documentNumber: 'AUTO-1', type: 'N730' }, [{ routing: 'TO_CONTROL' }]);
  await register(h, 'road', sampleHouse('AUTO-1'));
  const items = await eventually(async () => {
    const feed = await readFeed(h);
    return feed.length > 0 ? feed : undefined;
  });
  expect(items.map((i) => [i.transportDocumentHouseLevel?.referenceNumber, i.routingResult.routing])).toEqual(
    [['AUTO-1', 'TO_CONTROL']],
  );
  expect((await h.control.houses())[0]).toMatchObject({ documentNumber: 'AUTO-1', arrived: true });
  expect((await h.control.calls({ endpoint: 'presentation' })).total).toBe(0);
});

it('given automatic presentation, when the house is cancelled before it, then no routing follows', async () => {
  h = await startHarness({ ...QUIET, autoPresentAfterMs: 100 });
  await h.control.setBehaviour({ autoPresentAfterMs: 100 });
  const mrn = await register(h, 'road', sampleHouse('AUTO-2'));
  const del = await h.call(
    'DELETE',
    `/api/movement/road/v2/house-consignment/${mrn}`,
    'toll:movement/road/v2',
    {
      documentIssueDate: '2024-05-02T10:00:00Z',
    },
  );
  expect(del.status).toBe(202);
  await h.control.registerArrival({ documentNumber: 'OTHER', type: 'N730' });
  const feed = await eventually(async () => {
    const items = await readFeed(h);
    return items.length > 0 ? items : undefined;
  });
  // OTHER's routing was due at once; AUTO-2's would have been due 100 ms after registration.
  await eventually(async () => ((await h.control.routingState()).pending === 0 ? true : undefined));
  expect(
    [...feed, ...(await readFeed(h, String(feed.at(-1)!.routingResult.id)))].map(
      (i) => i.transportDocumentHouseLevel?.referenceNumber,
    ),
  ).toEqual(['OTHER']);
});

it('given extra items every 2 house items, when 4 house items are published, then two transport-level and two untracked items are mixed in', async () => {
  h = await startHarness({ ...QUIET, extraRoutingItemsEvery: 2 });
  const house = { documentNumber: 'EXTRA-1', type: 'N730', routing: 'TO_ENTRY' as const };
  await h.control.injectSignals([house, house, house, house]);
  const items = await readFeed(h);
  const kinds = items.map((i) =>
    i.transportDocumentHouseLevel === null
      ? 'transport'
      : i.transportDocumentHouseLevel.referenceNumber === 'EXTRA-1'
        ? 'house'
        : 'untracked',
  );
  expect(kinds).toEqual([
    'house',
    'house',
    'transport',
    'untracked',
    'house',
    'house',
    'transport',
    'untracked',
  ]);
  expect(items[2]).toMatchObject({
    activeBorderTransportMeans: { identificationNumber: expect.any(String) },
    routingResult: { routing: 'TO_ENTRY' },
  });
});

it('given the default options, when started, then automatic presentation after 3000 ms and extra items every 10 are on', async () => {
  h = await startHarness();
  expect(await h.control.behaviour()).toEqual({
    autoPresentAfterMs: 3000,
    extraRoutingItemsEvery: 10,
    lookupUnavailable: null,
  });
});
