// Injected faults and the call log: what the workflow tests rely on to provoke retries and the
// recovery after a lost POST answer.
import {
  ENTRY_SCOPE,
  type Harness,
  MODE_SCOPES,
  PATHS,
  QUIET,
  sampleHouse,
  startHarness,
  submit,
  validationOf,
} from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(QUIET);
});
afterAll(() => h.close());
beforeEach(() => h.control.reset());

const HOUSE = { documentNumber: 'FLT-1', type: 'N730' };
const ROAD = MODE_SCOPES.road;

describe('faults', () => {
  it.each([500, 503] as const)(
    'given a %d fault for the next call, when posting, then that status and the next call succeeds',
    async (status) => {
      await h.control.injectFault({ endpoint: 'house-create', action: { type: 'status', status }, count: 1 });
      expect((await h.call('POST', PATHS.house('road'), ROAD, sampleHouse('FLT-1'))).status).toBe(status);
      expect((await h.call('POST', PATHS.house('road'), ROAD, sampleHouse('FLT-1'))).status).toBe(202);
      expect(await h.control.houses()).toHaveLength(1);
    },
  );

  it('given a 429 with Retry-After 7, when polling the feed, then 429 carries Retry-After 7', async () => {
    await h.control.injectFault({
      endpoint: 'routing',
      action: { type: 'rate-limit', retryAfterSeconds: 7 },
    });
    const r = await h.call('GET', PATHS.routing(), ENTRY_SCOPE);
    expect([r.status, r.headers['retry-after']]).toEqual([429, '7']);
  });

  it('given a slow answer, when called, then it arrives only after the delay', async () => {
    await h.control.injectFault({ endpoint: 'test-auth', action: { type: 'slow', delayMs: 300 } });
    const started = performance.now();
    expect((await h.call('GET', PATHS.testAuth('road'), ROAD)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('given probability 1 for every endpoint, when calls are made, then each fails until the faults are cleared', async () => {
    await h.call('GET', PATHS.routing(), ENTRY_SCOPE); // token fetched before the faults
    await h.control.injectFault({ endpoint: '*', action: { type: 'status', status: 503 }, probability: 1 });
    expect((await h.call('GET', PATHS.routing(), ENTRY_SCOPE)).status).toBe(503);
    expect((await h.call('GET', PATHS.routing(), ENTRY_SCOPE)).status).toBe(503);
    await h.control.clearFaults();
    expect((await h.call('GET', PATHS.routing(), ENTRY_SCOPE)).body).toEqual([]);
  });

  it('given a connection dropped after the write, when the client retries the POST, then the house is stored once, the retry is FAILURE already in use and the MRN is only on the control API', async () => {
    await h.call('GET', PATHS.testAuth('road'), ROAD); // token fetched before the fault
    await h.control.injectFault({ endpoint: 'house-create', action: { type: 'drop-after-write' } });
    await expect(h.call('POST', PATHS.house('road'), ROAD, sampleHouse('FLT-1'))).rejects.toThrow();
    const stored = await h.control.houses();
    expect(stored).toEqual([expect.objectContaining({ ...HOUSE, deleted: false, mrn: expect.any(String) })]);
    const retry = await validationOf(h, 'road', await submit(h, 'road', sampleHouse('FLT-1')));
    expect(retry.body).toMatchObject({
      status: 'FAILURE',
      validationErrorList: [{ description: expect.stringMatching(/already in use/) }],
    });
    expect(JSON.stringify(retry.body)).not.toContain(stored[0]!.mrn);
    const calls = await h.control.calls({ house: HOUSE });
    expect(calls.byEndpoint['house-create']).toBe(2);
    expect(calls.calls[0]).toMatchObject({ endpoint: 'house-create', fault: 'drop-after-write' });
  });
});

describe('call log', () => {
  it('given calls for two houses, when the log is read per house, then counters are per endpoint and per house', async () => {
    await validationOf(h, 'road', await submit(h, 'road', sampleHouse('LOG-1')));
    await submit(h, 'road', sampleHouse('LOG-2'));
    const one = await h.control.calls({ house: { documentNumber: 'LOG-1', type: 'N730' } });
    expect(one.byEndpoint['house-create']).toBe(1);
    expect(one.byEndpoint['house-validation-status']).toBeGreaterThanOrEqual(1);
    const all = await h.control.calls();
    expect(Object.keys(all.byHouse).sort()).toEqual(['N730:LOG-1', 'N730:LOG-2']);
  });
});
