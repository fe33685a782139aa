// Each documented transport rule (DOMAIN.md 1b; the table is shared with the twin's tests,
// test/fixtures/transport-rules.ts) through the workflow: the violating transport is REJECTED and
// parked with Customs' description and path in its status; the corrected document is sent again
// and REGISTERED.
import { transportCorrectUpdate } from '../../../workflows/transport/messages';
import { TRANSPORT_RULE_CASES } from '../../fixtures/transport-rules';
import { startHarness, type Harness } from '../consignment.harness';
import { HOUR, startTransport, transportArriving, waitForTransport } from './levels.helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

it.each(TRANSPORT_RULE_CASES)(
  'given $name, when started, then REJECTED and parked with that description and path; when corrected, then REGISTERED',
  async ({ mode, breakIt, description, path }) => {
    const valid = transportArriving(mode, 2 * HOUR);
    const handle = await startTransport(h, mode, breakIt(valid));

    const rejected = await waitForTransport(handle, (s) => s.phase === 'REJECTED', 'REJECTED');
    expect(rejected.validationIssues).toContainEqual({ path, description });
    expect(rejected.needsAttention).toBe(true);
    expect(rejected.needsAttentionReason).toContain(description);
    expect(rejected.mrn).toBeUndefined();

    await handle.executeUpdate(transportCorrectUpdate, { args: [valid, { reason: 'fixed' }] });
    const registered = await waitForTransport(handle, (s) => s.phase === 'REGISTERED', 'REGISTERED');
    expect(registered.mrn).toHaveLength(18);
    expect(registered.revision).toBe(2);
    expect(registered.needsAttention).toBe(false);
    expect(registered.validationIssues).toEqual([]);
    await handle.terminate('test finished');
  },
);

it('given a transport Customs refuses at once (400, no carrier), when started, then REJECTED with the field and error; when corrected, then REGISTERED', async () => {
  const valid = transportArriving('road', 2 * HOUR);
  const { carrier: _carrier, ...withoutCarrier } = valid;
  const handle = await startTransport(h, 'road', withoutCarrier);

  const rejected = await waitForTransport(handle, (s) => s.phase === 'REJECTED', 'REJECTED');
  expect(rejected.validationIssues).toContainEqual({
    path: expect.stringMatching(/carrier/),
    description: expect.any(String),
  });
  expect(rejected.needsAttention).toBe(true);
  expect(rejected.timeline.map((t) => t.phase)).toEqual(['SUBMITTING', 'REJECTED']);

  await handle.executeUpdate(transportCorrectUpdate, { args: [valid] });
  await waitForTransport(handle, (s) => s.phase === 'REGISTERED', 'REGISTERED');
  await handle.terminate('test finished');
});
