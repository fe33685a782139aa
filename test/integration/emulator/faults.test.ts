// Injected faults and the call log: what the workflow tests rely on to provoke retries and the
// duplicate-POST recovery.
import { RateLimited, Unavailable } from '../../../src/digitoll';
import { type Harness, sampleHouse, startHarness, validationOf } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.control.reset());

const HOUSE = { documentNumber: 'FLT-1', type: 'N730' };

describe('faults', () => {
  it.each([500, 503] as const)(
    'given a %d fault for the next call, when posting, then Unavailable and the next call succeeds',
    async (status) => {
      await h.control.injectFault({ endpoint: 'house-create', action: { type: 'status', status }, count: 1 });
      await expect(h.digitoll.submitHouseConsignment('road', sampleHouse('FLT-1'))).rejects.toBeInstanceOf(
        Unavailable,
      );
      await expect(h.digitoll.submitHouseConsignment('road', sampleHouse('FLT-1'))).resolves.toHaveProperty(
        'requestId',
      );
      expect(await h.control.houses()).toHaveLength(1);
    },
  );

  it('given a 429 with Retry-After 7, when polling, then RateLimited carries the delay', async () => {
    await h.control.injectFault({
      endpoint: 'routing',
      action: { type: 'rate-limit', retryAfterSeconds: 7 },
    });
    const error = await h.digitoll.getRoutingPage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).retryAfterMs).toBe(7000);
  });

  it('given a slow answer beyond the client timeout, when called, then Unavailable', async () => {
    await h.control.injectFault({ endpoint: 'test-auth', action: { type: 'slow', delayMs: 1_500 } });
    await expect(h.digitoll.testAuth('road')).rejects.toBeInstanceOf(Unavailable);
  });

  it('given probability 1 for every endpoint, when calls are made, then each fails until the faults are cleared', async () => {
    await h.control.injectFault({ endpoint: '*', action: { type: 'status', status: 503 }, probability: 1 });
    await expect(h.digitoll.getRoutingPage()).rejects.toBeInstanceOf(Unavailable);
    await expect(h.digitoll.getRoutingPage()).rejects.toBeInstanceOf(Unavailable);
    await h.control.clearFaults();
    await expect(h.digitoll.getRoutingPage()).resolves.toEqual([]);
  });

  it('given a connection dropped after the write, when the client retries the POST, then the house is stored once and the retry is FAILURE already in use', async () => {
    await h.control.injectFault({ endpoint: 'house-create', action: { type: 'drop-after-write' } });
    await expect(h.digitoll.submitHouseConsignment('road', sampleHouse('FLT-1'))).rejects.toBeInstanceOf(
      Unavailable,
    );
    const stored = await h.control.houses();
    expect(stored).toEqual([expect.objectContaining({ ...HOUSE, deleted: false })]);
    const retry = await h.digitoll.submitHouseConsignment('road', sampleHouse('FLT-1'));
    const status = await validationOf(h.digitoll, 'road', retry.requestId);
    expect(status.status).toBe('FAILURE');
    expect(status.validationErrorList?.[0]?.description).toMatch(/already in use/);
    expect(await h.digitoll.findHouseConsignment('road', 'FLT-1', 'N730')).toMatchObject({
      mrn: stored[0]!.mrn,
    });
    const calls = await h.control.calls({ house: HOUSE });
    expect(calls.byEndpoint['house-create']).toBe(2);
    expect(calls.calls[0]).toMatchObject({ endpoint: 'house-create', fault: 'drop-after-write' });
  });
});

describe('call log', () => {
  it('given calls for two houses, when the log is read per house, then counters are per endpoint and per house', async () => {
    await validationOf(
      h.digitoll,
      'road',
      (await h.digitoll.submitHouseConsignment('road', sampleHouse('LOG-1'))).requestId,
    );
    await h.digitoll.submitHouseConsignment('road', sampleHouse('LOG-2'));
    const one = await h.control.calls({ house: { documentNumber: 'LOG-1', type: 'N730' } });
    expect(one.byEndpoint['house-create']).toBe(1);
    expect(one.byEndpoint['house-validation-status']).toBeGreaterThanOrEqual(1);
    const all = await h.control.calls();
    expect(Object.keys(all.byHouse).sort()).toEqual(['N730:LOG-1', 'N730:LOG-2']);
  });
});
