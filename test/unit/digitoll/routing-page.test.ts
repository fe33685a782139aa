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
  it('given a malformed item in the middle, then the others are kept, it is reported with its id, and lastId is the last raw id', () => {
    const page = parseRoutingItems([
      item(1),
      item(2, 'TO_SOMEWHERE_NEW'),
      item(3, 'TO_CONTROL', null),
      item(4),
    ]);
    expect(page.size).toBe(4);
    expect(page.items.map((i) => i.routingResult.id)).toEqual(['1', '4']);
    expect(page.malformed).toEqual([
      { routingId: '2', index: 1, issues: [expect.objectContaining({ path: 'routingResult.routing' })] },
      {
        routingId: '3',
        index: 2,
        issues: [expect.objectContaining({ path: 'transportDocumentHouseLevel.type' })],
      },
    ]);
    expect(page.lastId).toBe('4');
  });

  it('given a malformed last item, then lastId is still its raw id so the marker moves past it', () => {
    const page = parseRoutingItems([item(7), item(8, 'NEW')]);
    expect(page.items).toHaveLength(1);
    expect(page.lastId).toBe('8');
  });

  it('given trailing items without any id, then lastId is the last id that exists and they are left for a later page', () => {
    const page = parseRoutingItems([item(5), { junk: true }, 'not an object']);
    expect(page.lastId).toBe('5');
    expect(page.items).toHaveLength(1);
    expect(page.malformed).toEqual([]);
    expect(page.size).toBe(3);
  });

  it('given an item without an id before one with an id, then it is reported as malformed', () => {
    const page = parseRoutingItems([{ junk: true }, item(6)]);
    expect(page.malformed.map((m) => [m.index, m.routingId])).toEqual([[0, undefined]]);
    expect(page.lastId).toBe('6');
  });

  it('given a page where no item has an id, then there is no lastId and nothing is counted', () => {
    const page = parseRoutingItems([{ junk: true }, 'x']);
    expect(page).toEqual({ items: [], malformed: [], size: 2 });
  });

  it('given an empty page, then nothing is reported and there is no lastId', () => {
    expect(parseRoutingItems([])).toEqual({ items: [], malformed: [], size: 0 });
  });

  it('given an item with many problems and long messages, then its issues are bounded', () => {
    const bad = { transportDocumentHouseLevel: 1, routingResult: { id: 9, routing: 'x'.repeat(5_000) } };
    const [malformed] = parseRoutingItems([bad, { a: 1, b: 2 }]).malformed;
    expect(malformed!.issues.length).toBeLessThanOrEqual(5);
    for (const issue of malformed!.issues) expect(issue.message.length).toBeLessThanOrEqual(200);
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
    expect(page.malformed).toHaveLength(1);
    expect(page.lastId).toBe('43');
    expect(fake.apiSeen.map((s) => s.path)).toEqual(['/api/movement/routing/v1/house-consignment?marker=40']);
  });

  it('given an envelope wrapping the items, then the items are read from it', async () => {
    fake.apiReplies.push({ statusCode: 200, data: { routingResults: [item(1)] } });
    await expect(client.readRoutingPage()).resolves.toMatchObject({ size: 1, lastId: '1' });
  });

  it('given a body that is not a page at all, then it rejects as UNEXPECTED_RESPONSE', async () => {
    fake.apiReplies.push({ statusCode: 200, data: { something: 'else' } });
    await expect(client.readRoutingPage()).rejects.toMatchObject({ code: 'UNEXPECTED_RESPONSE' });
  });
});
