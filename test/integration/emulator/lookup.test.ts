// The documented query by key answers a house's document status without its MRN; the invented
// MRN look-up by document number does not exist; a switch models the query being unavailable.
import { type Harness, MODE_SCOPES, PATHS, QUIET, register, sampleHouse, startHarness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(QUIET);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  await h.control.setBehaviour({ lookupUnavailable: null });
});

const ROAD = MODE_SCOPES.road;
const carrier = {
  carrierIdentificationNumber: 'NO984661185',
  transportDocumentMasterLevel: { documentNumber: 'MC-1', type: 'N741' },
};

it('given a registered house, when queried by documentNumber, type and carrierId, then 200 with its document status and no MRN', async () => {
  await register(h, 'road', sampleHouse('KEY-1', { consignmentMasterLevel: carrier }));
  const r = await h.call(
    'GET',
    PATHS.byKey('road', { documentNumber: 'KEY-1', type: 'N730', carrierId: 'NO984661185' }),
    ROAD,
  );
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ documentNumber: 'KEY-1', type: 'N730', documentStatus: 'SUCCESS' });
  expect(JSON.stringify(r.body)).not.toContain('mrn');
  expect((await h.control.calls({ endpoint: 'house-lookup' })).total).toBe(1);
});

it('given an unknown house or another carrier, when queried by key, then 404', async () => {
  await register(h, 'road', sampleHouse('KEY-2', { consignmentMasterLevel: carrier }));
  const unknown = await h.call('GET', PATHS.byKey('road', { documentNumber: 'NOPE', type: 'N730' }), ROAD);
  const other = await h.call(
    'GET',
    PATHS.byKey('road', { documentNumber: 'KEY-2', type: 'N730', carrierId: 'NO111111111' }),
    ROAD,
  );
  expect([unknown.status, other.status]).toEqual([404, 404]);
});

it.each([400, 404] as const)(
  'given the look-up switched to unavailable (%d), when a registered house is queried, then that status',
  async (status) => {
    await register(h, 'road', sampleHouse('KEY-3'));
    await h.control.setBehaviour({ lookupUnavailable: status });
    const r = await h.call('GET', PATHS.byKey('road', { documentNumber: 'KEY-3', type: 'N730' }), ROAD);
    expect(r.status).toBe(status);
  },
);

it('given a registered house, when the invented look-up GET house-consignment?documentNumber=&type= is called, then 404: Customs has no MRN look-up', async () => {
  await register(h, 'road', sampleHouse('KEY-4'));
  const r = await h.call('GET', `${PATHS.house('road')}?documentNumber=KEY-4&type=N730`, ROAD);
  expect(r.status).toBe(404);
  expect(JSON.stringify(r.body ?? '')).not.toMatch(/\d{2}NO[A-Z0-9]{14}/);
});

it('given the twin started with lookupUnavailable 400, when queried, then 400 from the first call', async () => {
  const other = await startHarness({ ...QUIET, lookupUnavailable: 400 });
  try {
    const r = await other.call('GET', PATHS.byKey('road', { documentNumber: 'X', type: 'N730' }), ROAD);
    expect(r.status).toBe(400);
  } finally {
    await other.close();
  }
});
