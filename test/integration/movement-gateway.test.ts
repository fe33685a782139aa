// The whole movement through the gateway against the twin: a road trip (one truck, two masters, six
// houses, one INCOMPLETE) sent as one shipment, the INCOMPLETE house corrected before the border
// with exactly one PUT, the truck ENTERED after its ETA, every house RELEASED, and one filter on
// DigitollTransport listing the truck, both masters and the six houses. Then the air example's
// arrival change (exactly one transport PUT) and a refused change of the scheduled time.
import { randomBytes } from 'node:crypto';
import { SEARCH_ATTRIBUTES } from '../../src/shared';
import { eventually, SETTLE_MS } from '../helpers/temporal';
import { startGatewayHarness } from './gateway.harness';
import { exampleShipment, houseKeyOf, withCustomsDeclaration } from './movement.fixtures';

let g: Awaited<ReturnType<typeof startGatewayHarness>>;
beforeAll(async () => {
  g = await startGatewayHarness({ bodyLimitBytes: 256 * 1024 });
});
afterAll(async () => {
  await g?.close();
});

type Item = { item: string; level: string; status: number; key?: string; error?: { issues?: unknown[] } };

const suffix = () => randomBytes(3).toString('hex').toUpperCase();

/** GET `path` until `predicate` holds on its JSON body. */
function waitFor<T>(path: string, predicate: (body: T) => boolean, what: string, timeoutMs = SETTLE_MS) {
  return eventually(
    async () => {
      const res = await g.call('GET', path);
      if (res.statusCode !== 200) return undefined;
      const body = res.json<T>();
      return predicate(body) ? body : undefined;
    },
    { timeoutMs, intervalMs: 250, what: `${path} ${what}` },
  );
}

type Phased = { phase: string };
const housePath = (key: { type: string; documentNumber: string }) =>
  `/v1/consignments/${key.type}/${encodeURIComponent(key.documentNumber)}`;
const transportPath = (key: string) => `/v1/transports/${encodeURIComponent(key)}`;

test('given the road trip example sent as one shipment, then the truck is REGISTERED and ENTERED after its ETA, the INCOMPLETE house is corrected with exactly one PUT, every house is RELEASED, and DigitollTransport lists all nine', async () => {
  const trip = exampleShipment('road', suffix(), '12s');
  const sent = await g.call('POST', '/v1/shipments', trip);
  expect(sent.statusCode).toBe(200);
  const { transport, items } = sent.json<{ transport: string; items: Item[] }>();
  expect(items.map((i) => [i.item, i.status])).toEqual([
    ['transport', 201],
    ['masters[0]', 201],
    ['masters[1]', 201],
    ...[0, 1, 2, 3, 4, 5].map((i) => [`houses[${i}]`, 201]),
  ]);
  // The ETA is 12 s away: the truck (and with it the masters) may have ENTERED by the time a wait looks.
  const registeredOrEntered = (s: Phased) => s.phase === 'REGISTERED' || s.phase === 'ENTERED';
  await waitFor<Phased>(transportPath(transport), registeredOrEntered, 'REGISTERED');

  // The fifth house lacks its customs declaration: INCOMPLETE; corrected before the border.
  const incomplete = houseKeyOf(trip, 4);
  await waitFor<Phased>(housePath(incomplete), (s) => s.phase === 'INCOMPLETE', 'INCOMPLETE');
  const corrected = await g.call('POST', `${housePath(incomplete)}/corrections`, {
    document: withCustomsDeclaration(trip.houses[4], '5'),
    reason: 'the customs declaration was made after registration',
  });
  expect(corrected.statusCode).toBe(200);
  for (const i of [0, 1, 2, 3, 4, 5])
    await waitFor<Phased>(housePath(houseKeyOf(trip, i)), (s) => s.phase === 'REGISTERED', 'REGISTERED');
  const puts = await g.h.control.calls({ house: incomplete, endpoint: 'house-replace' });
  expect(puts.total).toBe(1);
  for (const master of ['masters[0]', 'masters[1]']) {
    const key = items.find((i) => i.item === master)!.key!;
    await waitFor<Phased>(`/v1/masters/${key.replace(':', '/')}`, registeredOrEntered, 'REGISTERED');
  }

  // After the ETA the truck asks entry status until the entry is recorded.
  await waitFor<Phased>(transportPath(transport), (s) => s.phase === 'ENTERED', 'ENTERED', 60_000);
  await g.h.control.registerAllArrivals();
  for (const i of [0, 1, 2, 3, 4, 5])
    await waitFor<Phased>(housePath(houseKeyOf(trip, i)), (s) => s.phase === 'RELEASED', 'RELEASED');

  // One filter on the truck: itself, both masters, six houses.
  const query = `${SEARCH_ATTRIBUTES.transport.name} = "${transport}"`;
  const listed = await eventually(
    async () => {
      const ids: string[] = [];
      for await (const w of g.h.client.workflow.list({ query })) ids.push(w.workflowId);
      return ids.length === 9 ? ids.sort() : undefined;
    },
    { timeoutMs: 15_000, what: `${query} to list nine workflows` },
  );
  expect(listed.filter((id) => id.startsWith('tr:'))).toEqual([`tr:${transport}`]);
  expect(listed.filter((id) => id.startsWith('mc:'))).toHaveLength(2);
  expect(listed.filter((id) => id.startsWith('hc:'))).toHaveLength(6);
  const houses = await g.call('GET', `/v1/consignments?transport=${encodeURIComponent(transport)}`);
  expect(houses.json<{ items: unknown[] }>().items).toHaveLength(6);
  const masters = await g.call('GET', `/v1/masters?transport=${encodeURIComponent(transport)}`);
  expect(masters.json<{ items: unknown[] }>().items).toHaveLength(2);

  // The same shipment again starts nothing new.
  const again = await g.call('POST', '/v1/shipments', trip);
  expect(again.json<{ items: Item[] }>().items.map((i) => i.status)).toEqual(Array(9).fill(200));
}, 180_000);

test('given the air example, then master and houses register, a changed ETA is exactly one transport PUT, and a changed scheduled time is refused with the reason', async () => {
  const flight = exampleShipment('air', suffix(), '2h');
  const sent = await g.call('POST', '/v1/shipments', flight);
  const { transport, items } = sent.json<{ transport: string; items: Item[] }>();
  expect(items.every((i) => i.status === 201)).toBe(true);
  await waitFor<Phased>(transportPath(transport), (s) => s.phase === 'REGISTERED', 'REGISTERED');
  const master = items.find((i) => i.level === 'master')!.key!;
  await waitFor<Phased>(
    `/v1/masters/${master.replace(':', '/')}`,
    (s) => s.phase === 'REGISTERED',
    'REGISTERED',
  );
  for (const i of [0, 1, 2])
    await waitFor<Phased>(housePath(houseKeyOf(flight, i)), (s) => s.phase === 'REGISTERED', 'REGISTERED');

  const putsBefore = (await g.h.control.calls({ endpoint: 'transport-replace' })).total;
  const later = new Date(Date.parse(flight.transport.estimatedDateAndTimeOfArrival) + 30 * 60_000);
  const eta = later.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const changed = await g.call('POST', `${transportPath(transport)}/arrival`, {
    estimatedDateAndTimeOfArrival: eta,
  });
  expect(changed.statusCode).toBe(200);
  // The update answers once accepted; the PUT and its validation follow.
  await eventually(
    async () =>
      (await g.h.control.calls({ endpoint: 'transport-replace' })).total > putsBefore ? true : undefined,
    { timeoutMs: SETTLE_MS, what: 'the PUT of the new ETA' },
  );
  await waitFor<{ phase: string; revision: number; estimatedDateAndTimeOfArrival?: string }>(
    transportPath(transport),
    (s) => s.phase === 'REGISTERED' && s.revision === 2 && s.estimatedDateAndTimeOfArrival === eta,
    'REGISTERED at revision 2 with the new ETA',
  );
  expect((await g.h.control.calls({ endpoint: 'transport-replace' })).total - putsBefore).toBe(1);

  const refused = await g.call('POST', `${transportPath(transport)}/corrections`, {
    document: { ...flight.transport, scheduledDateAndTimeOfArrival: eta, estimatedDateAndTimeOfArrival: eta },
    reason: 'the flight was rescheduled',
  });
  expect(refused.statusCode).toBe(409);
  expect(refused.json<{ reason: string }>().reason).toMatch(/scheduledDateAndTimeOfArrival/);
  expect((await g.h.control.calls({ endpoint: 'transport-replace' })).total - putsBefore).toBe(1);
}, 120_000);

test('given a shipment with one invalid house, then that item is 400 with its path, the others start, and a repeat starts nothing new', async () => {
  const trip = exampleShipment('road', suffix(), '2h');
  delete trip.houses[2].consignmentHouseLevel.goodsDescription;
  const first = await g.call('POST', '/v1/shipments', trip);
  expect(first.statusCode).toBe(200);
  const items = first.json<{ items: Item[] }>().items;
  const bad = items.find((i) => i.item === 'houses[2]')!;
  expect(bad.status).toBe(400);
  expect(bad.error?.issues).toEqual([
    { path: 'houses[2].consignmentHouseLevel.goodsDescription', message: 'must not be null' },
  ]);
  expect(items.filter((i) => i.item !== 'houses[2]').map((i) => i.status)).toEqual(Array(8).fill(201));
  const never = await g.call('GET', housePath(houseKeyOf(trip, 2)));
  expect(never.statusCode).toBe(404);

  const again = await g.call('POST', '/v1/shipments', trip);
  const repeated = again.json<{ items: Item[] }>().items;
  expect(repeated.find((i) => i.item === 'houses[2]')!.status).toBe(400);
  expect(repeated.filter((i) => i.item !== 'houses[2]').map((i) => i.status)).toEqual(Array(8).fill(200));
}, 120_000);
