// Presentation and the routing feed: the playground's published routing, plans per house, marker
// semantics and pages of at most 1000.
import { randomUUID } from 'node:crypto';
import { NotReady, ValidationRejected } from '../../../src/digitoll';
import type { RoutingItem } from '../../../src/domain';
import playground from '../../../src/emulator/playground.json';
import { type Harness, eventually, sampleHouse, startHarness, validationOf } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.control.reset());

const OFFICE = 'NO351001';

/** Reads the whole feed from the start, page by page. */
async function readFeed(marker?: string): Promise<RoutingItem[]> {
  const all: RoutingItem[] = [];
  for (;;) {
    const page = await h.digitoll.getRoutingPage(marker);
    all.push(...page);
    if (page.length === 0) return all;
    marker = page.at(-1)!.routingResult.id;
  }
}

async function presentHouse(documentNumber: string, type: string): Promise<string> {
  const requestId = randomUUID();
  await h.digitoll.present({
    level: 'house-consignment',
    requestId,
    customsOfficeOfPresentation: OFFICE,
    transportDocumentHouseLevel: { documentNumber, type },
  });
  return requestId;
}

describe('presentation', () => {
  it.each(
    playground.ics2Presentation.map((r) => [
      r.houseDocumentNumber,
      r.houseDocumentType,
      r.routing,
      r.entrySummaryDeclarationMRN,
    ]),
  )(
    'given playground house %s/%s, when presented, then the feed carries its published routing %s',
    async (documentNumber, type, routing, ens) => {
      const requestId = await presentHouse(documentNumber, type);
      expect(await h.digitoll.getPresentationValidationStatus(requestId)).toMatchObject({
        status: 'SUCCESS',
      });
      const items = await readFeed();
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        transportDocumentHouseLevel: { referenceNumber: documentNumber, type },
        entrySummaryDeclarationMRN: ens,
        routingResult: { routing },
      });
    },
  );

  it('given a used requestId, when presented again, then a validation error', async () => {
    const requestId = await presentHouse('HC001', 'N740');
    await expect(
      h.digitoll.present({
        level: 'house-consignment',
        requestId,
        customsOfficeOfPresentation: OFFICE,
        transportDocumentHouseLevel: { documentNumber: 'HC001', type: 'N740' },
      }),
    ).rejects.toBeInstanceOf(ValidationRejected);
  });

  it('given the playground receptacle, when presented, then both post houses get their routing', async () => {
    const requestId = randomUUID();
    await h.digitoll.present({
      level: 'receptacle',
      requestId,
      customsOfficeOfPresentation: OFFICE,
      receptacleIdentificationNumber: 'GBASFZMLBKONAUN30001001019999',
    });
    const items = await readFeed();
    expect(
      items.map((i) => [i.transportDocumentHouseLevel.referenceNumber, i.routingResult.routing]),
    ).toEqual([
      ['NO100000001MU', 'TO_CONTROL'],
      ['NO100000002MU', 'TO_ENTRY'],
    ]);
  });

  it('given an ENS MRN and a container, when presented, then the rows under them get their routing', async () => {
    await h.digitoll.present({
      level: 'entry-summary-declaration',
      requestId: randomUUID(),
      customsOfficeOfPresentation: OFFICE,
      mrn: '23NO00000000000004',
    });
    await h.digitoll.present({
      level: 'container',
      requestId: randomUUID(),
      customsOfficeOfPresentation: OFFICE,
      containerIdentificationNumber: 'JARU0000026',
    });
    const items = await readFeed();
    expect(
      items.map(
        (i) =>
          `${i.transportDocumentHouseLevel.type}:${i.transportDocumentHouseLevel.referenceNumber}:${i.routingResult.routing}`,
      ),
    ).toEqual(['N703:HC001:TO_CONTROL', 'N703:HC002:TO_ENTRY', 'N714:HC004:TO_ENTRY']);
  });

  it('given an unknown house, when presented, then the presentation status is FAILURE and no routing follows', async () => {
    const requestId = await presentHouse('NOPE', 'N740');
    expect((await h.digitoll.getPresentationValidationStatus(requestId)).status).toBe('FAILURE');
    expect(await readFeed()).toEqual([]);
  });

  it('given an unknown presentation requestId, when polled, then NotReady', async () => {
    await expect(h.digitoll.getPresentationValidationStatus(randomUUID())).rejects.toBeInstanceOf(NotReady);
  });
});

describe('routing feed', () => {
  it('given a registered house without a plan, when its arrival is registered, then TO_ENTRY', async () => {
    await validationOf(
      h.digitoll,
      'road',
      (await h.digitoll.submitHouseConsignment('road', sampleHouse('RT-1'))).requestId,
    );
    await h.control.registerAllArrivals();
    expect((await readFeed()).map((i) => i.routingResult.routing)).toEqual(['TO_ENTRY']);
  });

  it('given a plan TO_CONTROL then TO_ENTRY after 200 ms, when the house arrives, then the signals come in that order with increasing ids', async () => {
    const house = { documentNumber: 'RT-2', type: 'N730' };
    await h.control.setRoutingPlan(house, [
      { routing: 'TO_CONTROL', routingControlLocation: 'AFTER_ENTRY' },
      { routing: 'TO_ENTRY', afterMs: 200 },
    ]);
    await h.control.registerArrival(house);
    const first = await readFeed();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      routingResult: { routing: 'TO_CONTROL' },
      routingControlLocation: 'AFTER_ENTRY',
    });
    const later = await eventually(async () => {
      const page = await readFeed(first[0]!.routingResult.id);
      return page.length > 0 ? page : undefined;
    });
    expect(later.map((i) => i.routingResult.routing)).toEqual(['TO_ENTRY']);
    expect(Number(later[0]!.routingResult.id)).toBeGreaterThan(Number(first[0]!.routingResult.id));
  });

  it('given ENTRY_PENDING and ENTRY_DENIED signals injected, when read, then they appear as sent', async () => {
    await h.control.injectSignals([
      { documentNumber: 'RT-3', type: 'N730', routing: 'ENTRY_PENDING' },
      { documentNumber: 'RT-3', type: 'N730', routing: 'ENTRY_DENIED', routingControlLocation: 'ON_ENTRY' },
    ]);
    expect((await readFeed()).map((i) => i.routingResult.routing)).toEqual(['ENTRY_PENDING', 'ENTRY_DENIED']);
  });

  it('given 2,000 signals, when read from the start, then pages of 1000, 1000 and an empty one, each after the marker', async () => {
    const before = await h.control.routingState();
    const houses = Array.from({ length: 50 }, (_, i) => ({ documentNumber: `BULK-${i}`, type: 'N730' }));
    const bulk = await h.control.injectBulkSignals({ houses, count: 2000 });
    expect(bulk.published).toBe(2000);
    const marker = before.lastId > 0 ? String(before.lastId) : undefined;
    const first = await h.digitoll.getRoutingPage(marker);
    const second = await h.digitoll.getRoutingPage(first.at(-1)!.routingResult.id);
    const third = await h.digitoll.getRoutingPage(second.at(-1)!.routingResult.id);
    expect([first.length, second.length, third.length]).toEqual([1000, 1000, 0]);
    const ids = [...first, ...second].map((i) => Number(i.routingResult.id));
    expect(ids.every((id, i) => i === 0 || id === ids[i - 1]! + 1)).toBe(true);
    expect(ids[0]).toBe(bulk.firstId);
  });
});
