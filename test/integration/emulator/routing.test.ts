// Presentation bodies as DOMAIN.md describes them, and the routing feed: the playground's published
// routing, plans per house, marker semantics and pages of at most 1000.
import { randomUUID } from 'node:crypto';
import playground from '../../../src/emulator/playground.json';
import {
  ENTRY_SCOPE,
  type Harness,
  PATHS,
  QUIET,
  eventually,
  readFeed,
  register,
  sampleHouse,
  startHarness,
} from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(QUIET);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  await h.control.setStyle({
    presentationStatusShape: 'list',
    presentationAnswer: 'empty',
    idsAsNumbers: false,
  });
});

const OFFICE = 'NO351001';
const houseBody = (documentNumber: string, type: string, requestId = randomUUID()) => ({
  requestId,
  customsOfficeOfPresentation: OFFICE,
  consignmentHouseLevel: { transportDocumentHouseLevel: { documentNumber, type } },
});
const present = (level: string, body: unknown) => h.call('POST', PATHS.present(level), ENTRY_SCOPE, body);
const statusOf = (requestId: string) =>
  eventually(async () => {
    const r = await h.call('GET', PATHS.presentationStatus(requestId), ENTRY_SCOPE);
    return r.status === 404 ? undefined : r;
  });

describe('presentation', () => {
  it.each(
    playground.ics2Presentation.map((r) => [r.houseDocumentNumber, r.houseDocumentType, r.routing] as const),
  )(
    'given playground house %s/%s, when presented with consignmentHouseLevel, then 2xx with an empty body, a list-shaped SUCCESS and the published routing %s',
    async (documentNumber, type, routing) => {
      const body = houseBody(documentNumber, type);
      const posted = await present('house-consignment', body);
      expect([posted.status, posted.body]).toEqual([200, undefined]);
      const status = await statusOf(body.requestId);
      expect(status.body).toEqual([
        expect.objectContaining({ requestId: body.requestId, status: 'SUCCESS' }),
      ]);
      const items = await readFeed(h);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        transportDocumentHouseLevel: { referenceNumber: documentNumber, type },
        routingResult: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), routing },
      });
    },
  );

  it('given the object shape and the requestId answer, when presented, then 202 {requestId} and one status object', async () => {
    await h.control.setStyle({ presentationStatusShape: 'object', presentationAnswer: 'requestId' });
    const body = houseBody('HC001', 'N740');
    expect((await present('house-consignment', body)).body).toEqual({ requestId: body.requestId });
    expect((await statusOf(body.requestId)).body).toMatchObject({
      requestId: body.requestId,
      status: 'SUCCESS',
    });
  });

  it('given a used requestId, when presented again, then 400 on requestId saying it has already been used', async () => {
    const body = houseBody('HC001', 'N740');
    await present('house-consignment', body);
    const again = await present('house-consignment', body);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      validationErrors: [{ field: 'requestId', error: expect.stringMatching(/has already been used/) }],
    });
  });

  it('given the house at the top level (the old v1 body), when presented, then 400; the ICS2 referenceNumber is accepted', async () => {
    const old = await present('house-consignment', {
      requestId: randomUUID(),
      customsOfficeOfPresentation: OFFICE,
      transportDocumentHouseLevel: { documentNumber: 'HC003', type: 'N714' },
    });
    expect(old.status).toBe(400);
    const ics2 = await present('house-consignment', {
      requestId: randomUUID(),
      customsOfficeOfPresentation: OFFICE,
      referenceNumber: 'HC003',
    });
    expect(ics2.status).toBe(200);
    expect((await readFeed(h)).map((i) => i.transportDocumentHouseLevel?.referenceNumber)).toEqual(['HC003']);
  });

  it('given the receptacle, an ENS MRN, a container and a master, when presented, then every house under them gets its routing', async () => {
    const master = { documentNumber: 'MAWB-1', type: 'N741' };
    await register(
      h,
      'air',
      sampleHouse('UNDER-MASTER', {
        consignmentMasterLevel: {
          carrierIdentificationNumber: 'NO984661185',
          transportDocumentMasterLevel: master,
        },
      }),
    );
    const base = () => ({ requestId: randomUUID(), customsOfficeOfPresentation: OFFICE });
    await present('receptacle', {
      ...base(),
      receptacleIdentificationNumber: 'GBASFZMLBKONAUN30001001019999',
    });
    await present('entry-summary-declaration', { ...base(), mrn: '23NO00000000000004' });
    await present('container', { ...base(), containerIdentificationNumber: 'JARU0000026' });
    await present('master-consignment', {
      ...base(),
      consignmentMasterLevel: { transportDocumentMasterLevel: master },
    });
    expect(
      (await readFeed(h)).map(
        (i) => `${i.transportDocumentHouseLevel?.referenceNumber}:${i.routingResult.routing}`,
      ),
    ).toEqual([
      'NO100000001MU:TO_CONTROL',
      'NO100000002MU:TO_ENTRY',
      'HC001:TO_CONTROL',
      'HC002:TO_ENTRY',
      'HC004:TO_ENTRY',
      'UNDER-MASTER:TO_ENTRY',
    ]);
  });

  it('given an unknown house, when presented, then 202 FAILURE in the status and no routing follows', async () => {
    const body = houseBody('NOPE', 'N740');
    await present('house-consignment', body);
    const status = await statusOf(body.requestId);
    expect([status.status, (status.body as Array<{ status: string }>)[0]!.status]).toEqual([202, 'FAILURE']);
    expect(await readFeed(h)).toEqual([]);
  });
});

describe('routing feed', () => {
  it('given a plan TO_CONTROL then TO_ENTRY after 200 ms, when the house arrives, then the signals come in that order, the second after the first as marker', async () => {
    const house = { documentNumber: 'RT-2', type: 'N730' };
    await h.control.setRoutingPlan(house, [
      { routing: 'TO_CONTROL', routingControlLocation: 'AFTER_ENTRY' },
      { routing: 'TO_ENTRY', afterMs: 200 },
    ]);
    await h.control.registerArrival(house);
    const first = await readFeed(h);
    expect(first).toEqual([
      expect.objectContaining({
        routingResult: expect.objectContaining({ routing: 'TO_CONTROL' }),
        routingControlLocation: 'AFTER_ENTRY',
      }),
    ]);
    const later = await eventually(async () => {
      const page = await readFeed(h, String(first[0]!.routingResult.id));
      return page.length > 0 ? page : undefined;
    });
    expect(later.map((i) => i.routingResult.routing)).toEqual(['TO_ENTRY']);
  });

  it('given a routing item, when read in the default style, then every documented field is there, absent ones as null, with extra fields', async () => {
    await h.control.injectSignals([{ documentNumber: 'RT-3', type: 'N730', routing: 'ENTRY_PENDING' }]);
    const [item] = await readFeed(h);
    expect(item).toEqual({
      transportDocumentHouseLevel: { referenceNumber: 'RT-3', type: 'N730' },
      entrySummaryDeclarationMRN: null,
      receptacleId: null,
      estimatedTimeOfArrival: null,
      scheduledTimeOfArrival: null,
      activeBorderTransportMeans: null,
      routingResult: { id: expect.any(String), routing: 'ENTRY_PENDING', documentIssueDate: null },
      routingControlLocation: null,
      timestamp: expect.any(String),
      traceId: expect.any(String),
    });
  });

  it('given malformed signals, when read, then an unknown routing, a transport-level item, an untracked house and an all-null item appear as sent', async () => {
    await h.control.setStyle({ absent: 'absent' });
    const ref = { documentNumber: 'RT-4', type: 'N730', routing: 'TO_ENTRY' as const };
    await h.control.injectSignals([
      { ...ref, malform: 'unknown-routing' },
      { ...ref, malform: 'transport-level' },
      { ...ref, malform: 'untracked' },
      { ...ref, malform: 'all-null' },
    ]);
    const [unknown, transport, untracked, allNull] = await readFeed(h);
    expect(unknown!.routingResult.routing).toBe('TO_INSPECTION');
    expect(transport).toMatchObject({
      transportDocumentHouseLevel: null,
      activeBorderTransportMeans: { modeOfTransportCode: 3 },
    });
    expect(untracked!.transportDocumentHouseLevel?.referenceNumber).toMatch(/^UNTRACKED-/);
    expect(allNull).toMatchObject({
      receptacleId: null,
      routingControlLocation: null,
      routingResult: { documentIssueDate: null },
    });
  });

  it('given 2,000 signals and numeric ids, when read from the last marker, then pages of 1000, 1000 and an empty one with consecutive numeric ids', async () => {
    await h.control.setStyle({ idsAsNumbers: true });
    const before = await h.control.routingState();
    const houses = Array.from({ length: 50 }, (_, i) => ({ documentNumber: `BULK-${i}`, type: 'N730' }));
    const bulk = await h.control.injectBulkSignals({ houses, count: 2000 });
    const page = async (marker: string) =>
      (await h.call('GET', PATHS.routing(marker), ENTRY_SCOPE)).body as Array<{
        routingResult: { id: number };
      }>;
    const first = await page(String(before.lastId));
    const second = await page(String(first.at(-1)!.routingResult.id));
    const third = await page(String(second.at(-1)!.routingResult.id));
    expect([first.length, second.length, third.length]).toEqual([1000, 1000, 0]);
    const ids = [...first, ...second].map((i) => i.routingResult.id);
    expect(ids.every((id, i) => typeof id === 'number' && (i === 0 || id === ids[i - 1]! + 1))).toBe(true);
    expect(ids[0]).toBe(bulk.firstId);
  });

  it('given a UUID marker the twin never issued, when read, then the page starts from the beginning', async () => {
    await h.control.injectSignals([{ documentNumber: 'RT-5', type: 'N730', routing: 'TO_ENTRY' }]);
    expect(
      (await readFeed(h, randomUUID())).map((i) => i.transportDocumentHouseLevel?.referenceNumber),
    ).toEqual(['RT-5']);
  });
});
