// provideMrn through the gateway: a master whose POST answer was lost waits in MRN_UNKNOWN until
// an operator POSTs its MRN to /v1/masters/{type}/{documentNumber}/mrn; a malformed MRN is a 400.
import { eventually, SETTLE_MS } from '../../helpers/temporal';
import { startGatewayHarness } from '../gateway.harness';
import { sampleMaster } from '../emulator/movement-helpers';

let g: Awaited<ReturnType<typeof startGatewayHarness>>;
beforeAll(async () => {
  g = await startGatewayHarness();
});
afterAll(async () => {
  await g?.close();
});
afterEach(async () => {
  await g.h.control.clearFaults();
});

type LevelStatus = { phase: string; mrn?: string; needsAttention: boolean; needsAttentionReason?: string };

function waitForPhase(path: string, phase: string) {
  return eventually(
    async () => {
      const res = await g.call('GET', path);
      const body = res.statusCode === 200 ? res.json<LevelStatus>() : undefined;
      return body?.phase === phase ? body : undefined;
    },
    { timeoutMs: SETTLE_MS, intervalMs: 250, what: `${path} ${phase}` },
  );
}

test('given a master in MRN_UNKNOWN, when an operator POSTs a malformed MRN and then the one Customs holds to its /mrn route, then 400 and then 200 with the MRN, and the master is REGISTERED', async () => {
  const number = `MAWB-GW-${Date.now().toString(36).toUpperCase()}`;
  await g.h.control.injectFault({
    endpoint: 'master-create',
    action: { type: 'drop-after-write' },
    count: 1,
  });
  const started = await g.call('POST', '/v1/masters', { mode: 'air', master: sampleMaster(number) });
  expect(started.statusCode).toBe(201);
  const path = `/v1/masters/N741/${encodeURIComponent(number)}`;
  const held = await waitForPhase(path, 'MRN_UNKNOWN');
  expect(held.needsAttention).toBe(true);
  expect(held.needsAttentionReason).toMatch(/supply it with provideMrn/);

  const malformed = await g.call('POST', `${path}/mrn`, { mrn: 'NOT-AN-MRN' });
  expect(malformed.statusCode).toBe(400);

  const mrn = (await g.h.control.masters()).find((m) => m.documentNumber === number)!.mrn;
  const stored = await g.call('POST', `${path}/mrn`, { mrn });
  expect({ status: stored.statusCode, body: stored.json() }).toEqual({ status: 200, body: { mrn } });
  const registered = await waitForPhase(path, 'REGISTERED');
  expect(registered).toMatchObject({ mrn, needsAttention: false });
});
