// A house whose POST answer was lost: Customs stored it, so it is never POSTed twice; routing still
// comes without an MRN; corrections and cancels wait for the MRN that a person supplies.
import {
  cancelSignal,
  correctUpdate,
  provideMrnUpdate,
  statusQuery,
} from '../../workflows/consignment/messages';
import {
  flowOf,
  houseOf,
  startHarness,
  waitForPhase,
  waitForStatus,
  type Harness,
} from './consignment.harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  await h.control.clearFaults();
  await h.control.setBehaviour({ lookupUnavailable: null, autoPresentAfterMs: 'off' });
});

const loseNextPostAnswer = () =>
  h.control.injectFault({ endpoint: 'house-create', action: { type: 'drop-after-write' }, count: 1 });

async function storedAtCustoms(doc: ReturnType<Harness['document']>) {
  const houses = (await h.control.houses()).filter((x) => x.documentNumber === houseOf(doc).documentNumber);
  expect(houses).toHaveLength(1);
  return houses[0]!;
}

test('given a lost POST answer, when the retried attempt asks Customs by key, then exactly one POST is sent and Customs presenting the goods releases them with no MRN', async () => {
  await h.control.setBehaviour({ autoPresentAfterMs: 200 });
  const doc = h.document();
  await loseNextPostAnswer();
  const handle = await h.start(doc);
  const held = await waitForPhase(handle, 'RELEASED');
  expect(held.mrn).toBeUndefined();
  expect(held.mrnUnknown).toBe(true);
  expect(held.timeline.map((t) => t.phase)).toContain('MRN_UNKNOWN');
  // The release needs no MRN, so nothing is flagged at the end.
  expect(held.needsAttention).toBe(false);
  const calls = await h.control.calls({ house: houseOf(doc) });
  expect(calls.byEndpoint['house-create']).toBe(1);
  expect(calls.byEndpoint['house-lookup']).toBe(1);
  await storedAtCustoms(doc);
});

test('given a lost POST answer and no query by key, when the second POST is "already in use", then one house is registered and the consignment asks for the MRN', async () => {
  await h.control.setBehaviour({ lookupUnavailable: 404 });
  const doc = h.document();
  await loseNextPostAnswer();
  const handle = await h.start(doc);
  const held = await waitForStatus(handle, (s) => s.phase === 'MRN_UNKNOWN', 'MRN_UNKNOWN');
  expect(held.needsAttention).toBe(true);
  expect(held.needsAttentionReason).toMatch(/MRN was lost: supply it with provideMrn/);
  expect((await h.control.calls({ house: houseOf(doc) })).byEndpoint['house-create']).toBe(2);
  await storedAtCustoms(doc);
  await handle.terminate('test finished');
});

test('given MRN_UNKNOWN, when a correction comes, then it waits for the MRN and, once supplied, is sent as one PUT with that MRN', async () => {
  const doc = h.document();
  await loseNextPostAnswer();
  const handle = await h.start(doc);
  await waitForPhase(handle, 'MRN_UNKNOWN');
  const corrected = structuredClone(doc);
  corrected.consignmentHouseLevel.goodsDescription = 'Spare parts, corrected';
  expect(await handle.executeUpdate(correctUpdate, { args: [corrected, { reason: 'description' }] })).toBe(2);
  const waiting = await waitForStatus(
    handle,
    (s) => /needed to send the correction/.test(s.needsAttentionReason ?? ''),
    'waits for the MRN',
  );
  expect(waiting.needsAttention).toBe(true);
  expect((await h.control.calls({ house: houseOf(doc) })).byEndpoint['house-replace']).toBeUndefined();

  const { mrn } = await storedAtCustoms(doc);
  expect(await flowOf(h).provideMrn(houseOf(doc).type, houseOf(doc).documentNumber, mrn)).toBe(mrn);
  const registered = await waitForPhase(handle, 'REGISTERED');
  expect(registered).toMatchObject({ mrn, revision: 2, needsAttention: false });
  const calls = await h.control.calls({ house: houseOf(doc), endpoint: 'house-replace' });
  expect(calls.byEndpoint['house-replace']).toBe(1);
  expect(calls.calls.every((c) => c.path.includes(mrn))).toBe(true);
  expect((await h.control.calls({ house: houseOf(doc) })).byEndpoint['house-create']).toBe(1);

  await h.control.registerArrival(houseOf(doc));
  expect((await handle.result()).phase).toBe('RELEASED');
});

test('given MRN_UNKNOWN, when cancelled, then it says it waits for the MRN and DELETEs with it once supplied', async () => {
  const doc = h.document();
  await loseNextPostAnswer();
  const handle = await h.start(doc);
  await waitForPhase(handle, 'MRN_UNKNOWN');
  await handle.signal(cancelSignal, { reason: 'order withdrawn' });
  const waiting = await waitForStatus(
    handle,
    (s) => s.phase === 'CANCELLING' && /needed to cancel/.test(s.needsAttentionReason ?? ''),
    'cancel waits for the MRN',
  );
  expect(waiting.needsAttention).toBe(true);
  const { mrn } = await storedAtCustoms(doc);
  await handle.executeUpdate(provideMrnUpdate, { args: [{ mrn }] });
  expect(await handle.result()).toMatchObject({ phase: 'CANCELLED', mrn });
  expect((await storedAtCustoms(doc)).deleted).toBe(true);
});

test('given an MRN that is not 18 characters, or a house whose MRN is known, then provideMrn is refused with the reason', async () => {
  const doc = h.document();
  const handle = await h.start(doc);
  const registered = await waitForPhase(handle, 'REGISTERED');
  const flow = flowOf(h);
  const { type, documentNumber } = houseOf(doc);
  await expect(flow.provideMrn(type, documentNumber, 'SHORT')).rejects.toMatchObject({
    code: 'INVALID_DOCUMENT',
  });
  await expect(flow.provideMrn(type, documentNumber, '22NO4TU2HUD59UCBT8')).rejects.toMatchObject({
    code: 'ACTION_REFUSED',
    reason: `the MRN is already known (${registered.mrn})`,
  });
  expect((await handle.query(statusQuery)).mrn).toBe(registered.mrn);
  await handle.terminate('test finished');
});
