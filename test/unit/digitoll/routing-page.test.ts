import { createDigitollClient, parseRoutingItems, type DigitollApi } from '../../../src/digitoll';
import { API_ORIGIN, FakeCustoms, SecretWatch } from './support';

const SCOPES = { road: 'r', air: 'a', rail: 'l', maritime: 'm', entry: 'scope-entry' };
const NOW = Date.parse('2025-01-15T08:00:00Z');

function item(id: number | string, routing = 'TO_ENTRY', type: string | null = 'N730') {
  return {
    transportDocumentHouseLevel: { referenceNumber: `HC${id}`, ...(type === null ? {} : { type }) },
    routingResult: { id, routing },
  };
}

describe('parseRoutingItems', () => {
  it('given an unknown routing value and a missing type in the middle, when read, then the others are kept, both are skipped with their class and id, and lastId is the last raw id', () => {
    const page = parseRoutingItems([
      item(1),
      item(2, 'TO_SOMEWHERE_NEW'),
      item(3, 'TO_CONTROL', null),
      item(4),
    ]);
    expect(page.size).toBe(4);
    expect(page.items.map((i) => i.routingResult.id)).toEqual(['1', '4']);
    expect(page.skipped).toEqual([
      expect.objectContaining({
        class: 'unknown-routing',
        routingId: '2',
        routing: 'TO_SOMEWHERE_NEW',
        index: 1,
        issues: [expect.objectContaining({ path: 'routingResult.routing' })],
      }),
      expect.objectContaining({
        class: 'unreadable',
        routingId: '3',
        index: 2,
        issues: [expect.objectContaining({ path: 'transportDocumentHouseLevel.type' })],
      }),
    ]);
    expect(page.lastId).toBe('4');
  });

  it('given every optional field null or empty, when read, then the item is applied with those fields undefined', () => {
    const page = parseRoutingItems([
      {
        transportDocumentHouseLevel: { referenceNumber: 'HC1', type: 'N730' },
        entrySummaryDeclarationMRN: null,
        receptacleId: '',
        estimatedTimeOfArrival: null,
        scheduledTimeOfArrival: '',
        activeBorderTransportMeans: null,
        routingResult: {
          id: 'a-1',
          routing: 'TO_ENTRY',
          documentIssueDate: null,
          routingControlLocation: '',
        },
        routingControlLocation: null,
      },
    ]);
    expect(page.skipped).toEqual([]);
    const [read] = page.items;
    expect(read).toMatchObject({ routingResult: { id: 'a-1', routing: 'TO_ENTRY' } });
    expect(read!.estimatedTimeOfArrival).toBeUndefined();
    expect(read!.receptacleId).toBeUndefined();
    expect(read!.routingControlLocation).toBeUndefined();
  });

  it.each([null, undefined, {}, { referenceNumber: '', type: null }])(
    'given a transport-level item (house level %p) with vehicle data, when read, then it is skipped as transport-level and its excerpt carries no vehicle data',
    (house) => {
      const raw = {
        ...(house === undefined ? {} : { transportDocumentHouseLevel: house }),
        activeBorderTransportMeans: { identificationNumber: 'AB12345', operator: { name: 'Kari Nordmann' } },
        routingResult: { id: 9, routing: 'TO_ENTRY' },
      };
      const page = parseRoutingItems([raw]);
      expect(page.items).toEqual([]);
      expect(page.skipped).toEqual([expect.objectContaining({ class: 'transport-level', routingId: '9' })]);
      const { excerpt } = page.skipped[0]!;
      expect(excerpt.length).toBeLessThanOrEqual(200);
      expect(excerpt).toContain('activeBorderTransportMeans');
      expect(excerpt).not.toMatch(/AB12345|Kari|Nordmann/);
      expect(page.lastId).toBe('9');
    },
  );

  it('given a malformed last item, then lastId is still its raw id so the marker moves past it', () => {
    const page = parseRoutingItems([item(7), item(8, 'NEW')]);
    expect(page.items).toHaveLength(1);
    expect(page.lastId).toBe('8');
  });

  it('given trailing items without any id, then lastId is the last id that exists and they are left for a later page', () => {
    const page = parseRoutingItems([item(5), { junk: true }, 'not an object']);
    expect(page.lastId).toBe('5');
    expect(page.items).toHaveLength(1);
    expect(page.skipped).toEqual([]);
    expect(page.size).toBe(3);
  });

  it('given an element without an id before one with an id, then it is skipped as unreadable with a redacted excerpt', () => {
    const page = parseRoutingItems([{ junk: 'Ola Nordmann, Storgata 1' }, item(6)]);
    expect(page.skipped.map((m) => [m.index, m.class, m.routingId])).toEqual([[0, 'unreadable', undefined]]);
    expect(page.skipped[0]!.excerpt).toContain('junk');
    expect(page.skipped[0]!.excerpt).not.toContain('Nordmann');
    expect(page.lastId).toBe('6');
  });

  it('given a page where no item has an id, then there is no lastId and nothing is counted', () => {
    const page = parseRoutingItems([{ junk: true }, 'x']);
    expect(page).toEqual({ items: [], skipped: [], size: 2 });
  });

  it('given an empty page, then nothing is reported and there is no lastId', () => {
    expect(parseRoutingItems([])).toEqual({ items: [], skipped: [], size: 0 });
  });

  it('given an item with many problems and long values, then its issues and excerpt are bounded', () => {
    const keys = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${i}WithALongName`, i]));
    const bad = {
      ...keys,
      transportDocumentHouseLevel: 1,
      routingResult: { id: 9, routing: 'x'.repeat(5_000) },
    };
    const [skipped] = parseRoutingItems([bad, { a: 1, b: 2 }]).skipped;
    expect(skipped!.issues.length).toBeLessThanOrEqual(5);
    for (const issue of skipped!.issues) expect(issue.message.length).toBeLessThanOrEqual(200);
    expect(skipped!.excerpt.length).toBeLessThanOrEqual(200);
  });
});

describe('readRoutingPage over HTTP', () => {
  const watch = new SecretWatch();
  let fake: FakeCustoms;
  let client: DigitollApi;
  beforeEach(async () => {
    fake = new FakeCustoms(watch);
    client = createDigitollClient({
      baseUrl: API_ORIGIN,
      tokens: await fake.provider({ clock: () => NOW }),
      scopes: SCOPES,
      dispatcher: fake.agent,
      logger: watch.logger,
      clock: () => NOW,
    });
  });
  afterEach(() => fake.close());

  it('given a page with one bad item, then it resolves with the good ones and the marker path is the routing path', async () => {
    fake.apiReplies.push({ statusCode: 200, data: [item(41), item(42, 'NEW'), item(43)] });
    const page = await client.readRoutingPage('40');
    expect(page.items).toHaveLength(2);
    expect(page.skipped).toEqual([expect.objectContaining({ class: 'unknown-routing', routingId: '42' })]);
    expect(page.lastId).toBe('43');
    expect(fake.apiSeen.map((s) => s.path)).toEqual(['/api/movement/routing/v1/house-consignment?marker=40']);
  });

  it('given an envelope wrapping the items, then the items are read from it', async () => {
    fake.apiReplies.push({ statusCode: 200, data: { routingResults: [item(1)] } });
    await expect(client.readRoutingPage()).resolves.toMatchObject({ size: 1, lastId: '1' });
  });

  it('given a page with a transport-level item, when read as a plain list, then getRoutingPage gives the house items only', async () => {
    fake.apiReplies.push({
      statusCode: 200,
      data: [
        item('u-1'),
        { transportDocumentHouseLevel: null, routingResult: { id: 'u-2', routing: 'TO_ENTRY' } },
      ],
    });
    const items = await client.getRoutingPage('u-0');
    expect(items.map((i) => i.routingResult.id)).toEqual(['u-1']);
  });

  it('given a body that is not a page at all, then it rejects as UNEXPECTED_RESPONSE', async () => {
    fake.apiReplies.push({ statusCode: 200, data: { something: 'else' } });
    await expect(client.readRoutingPage()).rejects.toMatchObject({ code: 'UNEXPECTED_RESPONSE' });
  });
});
