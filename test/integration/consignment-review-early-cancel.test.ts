// Regression tests of reviewed defects around cancels that come early or together with other
// messages: nothing is sent after a cancel was accepted, a cancel looks for the house of the POST
// it may have left behind (not of an older one), and an accepted cancel update always succeeds.
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createDigitollActivities } from '../../activities';
import { createDigitollClient } from '../../src/digitoll';
import { ENTRY_SCOPE, MODE_SCOPES } from '../../src/emulator';
import {
  cancelSignal,
  cancelUpdate,
  correctSignal,
  provideMrnUpdate,
  statusQuery,
} from '../../workflows/consignment/messages';
import {
  FAST_TIMINGS,
  houseOf,
  startHarness,
  waitForPhase,
  waitForStatus,
  type Harness,
} from './consignment.harness';
import { ownQueues, waitForFaultsTaken, within } from './consignment-review.harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function houseAtCustoms(doc: ReturnType<Harness['document']>) {
  return (await h.control.houses()).find((x) => x.documentNumber === houseOf(doc).documentNumber);
}

/** A document whose POST Customs accepts and then answers with an asynchronous FAILURE. */
function failingTwin(good: ReturnType<Harness['document']>) {
  const bad = structuredClone(good);
  (bad.consignmentHouseLevel.previousDocuments![0] as { sequenceNumber?: string }).sequenceNumber = '99';
  return bad;
}

test('given a start and a cancel in the first activation, when the worker picks them up, then it is CANCELLED and Customs never hears of the house', async () => {
  const own = await ownQueues(h);
  const doc = h.document();
  const handle = await own.startConsignment(doc);
  try {
    await handle.signal(cancelSignal, { reason: 'withdrawn at once' });
    await own.start();
    expect((await within(handle.result(), 20_000, 'the run')).phase).toBe('CANCELLED');
    expect((await h.control.calls({ house: houseOf(doc) })).byEndpoint).toEqual({});
    expect(await houseAtCustoms(doc)).toBeUndefined();
  } finally {
    await handle.terminate('test finished').catch(() => undefined);
    await own.stop();
  }
});

test('given a parked REJECTED, when a correction and a cancel come in one activation, then nothing more is POSTed', async () => {
  const own = await ownQueues(h);
  const good = h.document();
  await own.start();
  const handle = await own.startConsignment(failingTwin(good));
  try {
    await waitForPhase(handle, 'REJECTED');
    await own.stop();
    await handle.signal(correctSignal, good, { reason: 'right declaration' });
    await handle.signal(cancelSignal, { reason: 'withdrawn' });
    await own.start();
    expect((await within(handle.result(), 20_000, 'the run')).phase).toBe('CANCELLED');
    expect((await h.control.calls({ house: houseOf(good) })).byEndpoint['house-create']).toBe(1);
    expect(await houseAtCustoms(good)).toBeUndefined();
  } finally {
    await handle.terminate('test finished').catch(() => undefined);
    await own.stop();
  }
});

test('given a FAILURE and then a corrected POST whose answer is lost, when cancelled, then the house that POST stored is DELETEd with the MRN a person supplies', async () => {
  const good = h.document();
  const handle = await h.start(failingTwin(good), { timings: { ...FAST_TIMINGS, validationDeadline: '3s' } });
  await waitForPhase(handle, 'REJECTED');
  await h.control.injectFault({ endpoint: 'house-create', action: { type: 'drop-after-write' }, count: 20 });
  try {
    await handle.signal(correctSignal, good, { reason: 'right declaration' });
    const held = await waitForPhase(handle, 'MRN_UNKNOWN');
    // The earlier POST's requestId is no longer the current one: its FAILURE says nothing of this house.
    expect(held.requestId).toBeUndefined();
    expect(held.needsAttention).toBe(true);
  } finally {
    await h.control.clearFaults();
  }
  const stored = await houseAtCustoms(good);
  expect(stored?.deleted).toBe(false);
  await handle.signal(cancelSignal, { reason: 'withdrawn' });
  await waitForStatus(
    handle,
    (s) => /needed to cancel/.test(s.needsAttentionReason ?? ''),
    'waits for the MRN',
  );
  await handle.executeUpdate(provideMrnUpdate, { args: [{ mrn: stored!.mrn }] });
  expect(await handle.result()).toMatchObject({ phase: 'CANCELLED', mrn: stored?.mrn });
  expect((await houseAtCustoms(good))?.deleted).toBe(true);
  // The corrected document was POSTed once: the retried attempt asked Customs by key instead.
  expect((await h.control.calls({ house: houseOf(good) })).byEndpoint['house-create']).toBe(2);
});

test('given a synchronous 400, when cancelled, then no look-up is made (a 400 stores nothing)', async () => {
  const good = h.document();
  const bad = structuredClone(good);
  bad.consignmentHouseLevel.goodsDescription = '';
  const handle = await h.start(bad);
  await waitForPhase(handle, 'REJECTED');
  const lookups = (await h.control.calls()).byEndpoint['house-lookup'] ?? 0;
  await handle.signal(cancelSignal, { reason: 'withdrawn' });
  expect((await handle.result()).phase).toBe('CANCELLED');
  expect((await h.control.calls()).byEndpoint['house-lookup'] ?? 0).toBe(lookups);
});

test("given Temporal's own cancellation under way, when a cancel update is accepted, then the update returns CANCELLED", async () => {
  const doc = h.document();
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  await h.control.injectFault({
    endpoint: 'house-delete',
    action: { type: 'slow', delayMs: 1_500 },
    count: 1,
  });
  await handle.cancel();
  await waitForFaultsTaken(h);
  const update = await within(
    handle.executeUpdate(cancelUpdate, { args: [{ reason: 'also by message' }] }),
    20_000,
    'the cancel update',
  );
  expect(update.phase).toBe('CANCELLED');
  // Whichever ends the run, it ends CANCELLED with one DELETE.
  const ended = await handle.result().catch((error: unknown) => error);
  if (ended instanceof WorkflowFailedError) expect(ended.cause).toBeInstanceOf(CancelledFailure);
  else expect(ended).toMatchObject({ phase: 'CANCELLED' });
  expect((await handle.query(statusQuery)).phase).toBe('CANCELLED');
  expect((await h.control.calls({ house: houseOf(doc) })).byEndpoint['house-delete']).toBe(1);
});

test("given a Customs call slower than its attempt, when the activity's cancellation signal fires, then the HTTP request is abandoned at once", async () => {
  // Client timeouts far beyond the slow answer: only the activity's own signal can end the request.
  const digitoll = createDigitollClient({
    baseUrl: h.emulator.url,
    tokens: h.tokens,
    scopes: { ...MODE_SCOPES, entry: ENTRY_SCOPE },
    timeouts: { headersMs: 60_000, bodyMs: 60_000, requestMs: 60_000 },
  });
  const activities = createDigitollActivities({ digitoll });
  await h.control.injectFault({
    endpoint: 'house-create',
    action: { type: 'slow', delayMs: 15_000 },
    count: 1,
  });
  const env = new MockActivityEnvironment();
  const run = env
    .run(activities.submitConsignment, { mode: 'road' as const, document: h.document() })
    .then(() => 'answered' as const)
    .catch((error: unknown) => error);
  // The emulator takes the fault when the request arrives: from then on the request is in flight.
  await waitForFaultsTaken(h);
  const cancelledAt = performance.now();
  env.cancel('TIMED_OUT');
  const outcome = await within(run, 5_000, 'the cancelled activity');
  expect(outcome).not.toBe('answered');
  expect(outcome).toBeInstanceOf(Error);
  expect(performance.now() - cancelledAt).toBeLessThan(5_000);
});
