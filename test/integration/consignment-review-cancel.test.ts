// Regression tests of reviewed defects in cancellation: a POST in flight or not yet processed is
// still DELETEd, a refused DELETE parks instead of claiming CANCELLED, a DELETE repeated after a
// lost answer is not a problem, and a cancel update always settles.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { CANCEL_OVERTAKEN } from '../../workflows/consignment/handlers';
import {
  arrivedSignal,
  cancelSignal,
  cancelUpdate,
  retrySignal,
  statusQuery,
} from '../../workflows/consignment/messages';
import { houseOf, startHarness, waitForPhase, waitForStatus, type Harness } from './consignment.harness';
import { everNeededAttention, waitForFaultsTaken, within } from './consignment-review.harness';

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
  await waitForFaultsTaken(h);
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

test('given an arrival and TO_CONTROL, when a cancel comes, then it is refused at once with the reason (the update returns) and TO_ENTRY releases the goods', async () => {
  const doc = h.document();
  const key = houseOf(doc);
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  await handle.signal(arrivedSignal, {});
  await h.control.injectSignals([{ ...key, routing: 'TO_CONTROL' }]);
  await waitForPhase(handle, 'TO_CONTROL');
  await h.control.injectFault({
    endpoint: 'house-delete',
    action: { type: 'status', status: 403 },
    count: 10,
  });
  try {
    const refused = await within(
      handle.executeUpdate(cancelUpdate, { args: [{ reason: 'too late' }] }).catch((e: unknown) => e),
      10_000,
      'the cancel update',
    );
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((refused as WorkflowUpdateFailedError).cause as Error).message).toMatch(/reached the border/);
    await h.control.injectSignals([{ ...key, routing: 'TO_ENTRY' }]);
    expect((await within(handle.result(), 20_000, 'the run')).phase).toBe('RELEASED');
    expect((await h.control.calls({ house: key })).byEndpoint['house-delete']).toBeUndefined();
  } finally {
    await h.control.clearFaults();
  }
});

test('given a cancel before the border whose DELETE Customs refuses, when routing comes meanwhile, then the cancel ends refused, the update fails CANCEL_OVERTAKEN and routing releases the goods', async () => {
  const doc = h.document();
  const key = houseOf(doc);
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  await h.control.injectFault({
    endpoint: 'house-delete',
    action: { type: 'status', status: 403 },
    count: 10,
  });
  try {
    const update = handle
      .executeUpdate(cancelUpdate, { args: [{ reason: 'withdrawn' }] })
      .catch((error: unknown) => error);
    const parked = await waitForStatus(handle, (s) => s.phase === 'CANCELLING' && s.needsAttention, 'parked');
    expect(parked.needsAttentionReason).toMatch(/DELETE/);
    await h.control.injectSignals([{ ...key, routing: 'TO_ENTRY' }]);
    const settled = await within(update, 20_000, 'the cancel update');
    expect(settled).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (settled as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe(CANCEL_OVERTAKEN);
    const result = await within(handle.result(), 20_000, 'the run');
    expect(result.phase).toBe('RELEASED');
    expect(result.cancelReason).toBeUndefined();
    const status = await handle.query(statusQuery);
    expect(status.rejectedMessages).toContainEqual(
      expect.objectContaining({
        message: 'cancel',
        reason: 'cancel refused: refused by Customs and overtaken by routing (withdrawn)',
      }),
    );
  } finally {
    await h.control.clearFaults();
  }
});
