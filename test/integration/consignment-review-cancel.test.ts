// Regression tests of reviewed defects in cancellation: a POST in flight or not yet processed is
// still DELETEd, a refused DELETE parks instead of claiming CANCELLED, a DELETE repeated after a
// lost answer is not a problem, and a cancel update always settles.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { CANCEL_OVERTAKEN } from '../../workflows/consignment-handlers';
import {
  arrivedSignal,
  cancelSignal,
  cancelUpdate,
  retrySignal,
  routingSignal,
  statusQuery,
} from '../../workflows/messages';
import { houseOf, startHarness, waitForPhase, waitForStatus, type Harness } from './consignment.harness';
import { everNeededAttention, ownQueues, waitForRunningActivity, within } from './consignment-review.harness';

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

test('given a POST still in flight, when cancelled by update, then its house is DELETEd once it is known', async () => {
  const doc = h.document();
  await h.control.injectFault({
    endpoint: 'house-create',
    action: { type: 'slow', delayMs: 1_500 },
    count: 1,
  });
  const handle = await h.start(doc);
  await waitForRunningActivity(handle, 'submitConsignment');
  const result = await handle.executeUpdate(cancelUpdate, { args: [{ reason: 'withdrawn while sending' }] });
  const house = await houseAtCustoms(doc);
  expect(result).toMatchObject({ phase: 'CANCELLED', mrn: house?.mrn });
  expect(house?.deleted).toBe(true);
  expect((await h.control.calls({ house: houseOf(doc) })).byEndpoint['house-delete']).toBe(1);
});

test('given a POST Customs has not processed yet, when cancelled, then the validation answer gives the MRN, it is DELETEd and nothing parks', async () => {
  const doc = h.document();
  await h.control.setProcessing({ house: houseOf(doc), notReadyPolls: 1_000, deferRegistration: true });
  const handle = await h.start(doc);
  await waitForStatus(handle, (s) => s.phase === 'AWAITING_VALIDATION' && !!s.requestId, 'POST accepted');
  await handle.signal(cancelSignal, { reason: 'withdrawn before validation' });
  await waitForPhase(handle, 'CANCELLING');
  await h.control.setProcessing({ house: houseOf(doc), notReadyPolls: 0 });
  const result = await handle.result();
  const house = await houseAtCustoms(doc);
  expect(result).toMatchObject({ phase: 'CANCELLED', mrn: house?.mrn });
  expect(house?.deleted).toBe(true);
  expect((await h.control.calls({ house: houseOf(doc) })).byEndpoint['house-delete']).toBe(1);
  // A cancelled poll is not a problem for a person: NeedsAttention never flickers on.
  expect(await everNeededAttention(handle)).toBe(false);
});

test('given Customs refuses the DELETE, when cancelled, then it parks in CANCELLING with the reason and a retry DELETEs it', async () => {
  const doc = h.document();
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  await h.control.setProcessing({ house: houseOf(doc), refuseDeletes: true });
  await handle.signal(cancelSignal, { reason: 'sold elsewhere' });
  const parked = await waitForStatus(handle, (s) => s.phase === 'CANCELLING' && s.needsAttention, 'parked');
  expect(parked.needsAttentionReason).toMatch(/refused the DELETE .*cannot be cancelled/);
  expect((await houseAtCustoms(doc))?.deleted).toBe(false);
  await h.control.setProcessing({ house: houseOf(doc), refuseDeletes: false });
  await handle.signal(retrySignal);
  expect((await handle.result()).phase).toBe('CANCELLED');
  expect((await houseAtCustoms(doc))?.deleted).toBe(true);
  expect((await h.control.calls({ house: houseOf(doc) })).byEndpoint['house-delete']).toBe(2);
});

test('given the DELETE answer is lost, when the retried DELETE finds the house gone, then it is CANCELLED without parking', async () => {
  const doc = h.document();
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  const before = (await h.control.calls()).byEndpoint['house-delete'] ?? 0;
  await h.control.injectFault({ endpoint: 'house-delete', action: { type: 'drop-after-write' }, count: 1 });
  const result = await handle.executeUpdate(cancelUpdate, { args: [{ reason: 'order withdrawn' }] });
  expect(result.phase).toBe('CANCELLED');
  expect((await houseAtCustoms(doc))?.deleted).toBe(true);
  expect(((await h.control.calls()).byEndpoint['house-delete'] ?? 0) - before).toBe(2);
  expect(await everNeededAttention(handle)).toBe(false);
});

test('given TO_ENTRY and a cancel update in one activation, when the worker picks both up, then the validator accepts the cancel, the release overtakes it and the update fails CANCEL_OVERTAKEN', async () => {
  const own = await ownQueues(h);
  const doc = h.document();
  const key = houseOf(doc);
  await own.start();
  const handle = await own.startConsignment(doc);
  try {
    await waitForPhase(handle, 'REGISTERED');
    await handle.signal(arrivedSignal, {});
    await waitForPhase(handle, 'AWAITING_ROUTING');
    await own.stop();
    await handle.signal(routingSignal, {
      transportDocumentHouseLevel: { referenceNumber: key.documentNumber, type: key.type },
      routingResult: { id: 'review-1', routing: 'TO_ENTRY' },
    });
    const update = handle
      .executeUpdate(cancelUpdate, { args: [{ reason: 'too late' }] })
      .catch((error: unknown) => error);
    await own.start();
    const settled = await within(update, 20_000, 'the cancel update');
    const result = await within(handle.result(), 20_000, 'the run');
    // A validator refusal would be a WorkflowUpdateFailedError without this type: the handler ran.
    expect(settled).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (settled as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe(CANCEL_OVERTAKEN);
    expect(result.phase).toBe('RELEASED');
    expect(result.cancelReason).toBeUndefined();
    const status = await handle.query(statusQuery);
    expect(status.cancelReason).toBeUndefined();
    expect(status.rejectedMessages).toContainEqual(
      expect.objectContaining({ message: 'cancel', reason: 'cancel refused: already RELEASED (too late)' }),
    );
    expect((await h.control.calls({ house: key })).byEndpoint['house-delete']).toBeUndefined();
  } finally {
    await handle.terminate('test finished').catch(() => undefined);
    await own.stop();
  }
});
