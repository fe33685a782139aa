// Given a slow, faulty or cancelling world: validation waits cost no history, deadlines park,
// cancellations DELETE only what Customs holds, and duplicates and rate limits are absorbed.
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import type { consignmentWorkflow } from '../../workflows/consignment/workflow';
import { cancelSignal, cancelUpdate, retrySignal, statusQuery } from '../../workflows/consignment/messages';
import {
  FAST_TIMINGS,
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

async function historyLength(handle: WorkflowHandle<typeof consignmentWorkflow>): Promise<number> {
  return (await handle.fetchHistory()).events?.length ?? 0;
}

async function runToRelease(
  doc: ReturnType<Harness['document']>,
  handle: WorkflowHandle<typeof consignmentWorkflow>,
) {
  await waitForPhase(handle, 'REGISTERED');
  await h.control.registerArrival(houseOf(doc));
  return handle.result();
}

test('given Customs answers 404 several times, when the validation finally comes, then the history is as long as for a first-poll answer', async () => {
  const quick = h.document();
  const slow = h.document();
  await h.control.setProcessing({ house: houseOf(slow), notReadyPolls: 4 });
  const [quickResult, slowResult] = await Promise.all([
    h.start(quick).then((handle) => runToRelease(quick, handle).then(() => handle)),
    h.start(slow).then((handle) => runToRelease(slow, handle).then(() => handle)),
  ]);
  const polls = await h.control.calls({ house: houseOf(slow), endpoint: 'house-validation-status' });
  expect(polls.byEndpoint['house-validation-status']).toBeGreaterThanOrEqual(5);
  expect(await historyLength(slowResult)).toBe(await historyLength(quickResult));
});

test('given validation never answers, when the deadline passes, then it parks with NeedsAttention and a retry signal resumes it', async () => {
  const doc = h.document();
  await h.control.setProcessing({ house: houseOf(doc), notReadyPolls: 1_000 });
  const handle = await h.start(doc, { timings: { ...FAST_TIMINGS, validationDeadline: '2s' } });
  const parked = await waitForStatus(handle, (s) => s.needsAttention, 'needs attention');
  expect(parked.phase).toBe('AWAITING_VALIDATION');
  expect(parked.needsAttentionReason).toMatch(/deadline/);
  await h.control.setProcessing({ house: houseOf(doc), notReadyPolls: 0 });
  await handle.signal(retrySignal);
  expect((await runToRelease(doc, handle)).phase).toBe('RELEASED');
});

test('given no MRN yet (rejected), when cancelled by signal, then it is CANCELLED without a DELETE', async () => {
  const doc = h.document();
  doc.consignmentHouseLevel.goodsDescription = '';
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REJECTED');
  await handle.signal(cancelSignal, { reason: 'order withdrawn' });
  expect(await handle.result()).toMatchObject({ phase: 'CANCELLED', cancelReason: 'order withdrawn' });
  expect((await h.control.calls({ house: houseOf(doc) })).byEndpoint['house-delete']).toBeUndefined();
});

test('given an MRN, when cancelled by update, then Customs sees a DELETE and the update returns CANCELLED', async () => {
  const doc = h.document();
  const handle = await h.start(doc);
  const registered = await waitForPhase(handle, 'REGISTERED');
  const result = await handle.executeUpdate(cancelUpdate, { args: [{ reason: 'sold elsewhere' }] });
  expect(result).toMatchObject({ phase: 'CANCELLED', mrn: registered.mrn });
  expect((await h.control.calls({ house: houseOf(doc) })).byEndpoint['house-delete']).toBe(1);
  const house = (await h.control.houses()).find((x) => x.documentNumber === houseOf(doc).documentNumber);
  expect(house?.deleted).toBe(true);
});

test('given an MRN, when Temporal cancels the workflow, then Customs sees a DELETE and the run ends cancelled', async () => {
  const doc = h.document();
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  await handle.cancel();
  const error = await handle.result().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowFailedError);
  expect((error as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
  expect((await handle.query(statusQuery)).phase).toBe('CANCELLED');
  expect((await h.control.calls({ house: houseOf(doc) })).byEndpoint['house-delete']).toBe(1);
});

test('given a 429 with Retry-After 2 s on the POST, when the workflow retries, then the next POST comes no earlier than 2 s later', async () => {
  const doc = h.document();
  await h.control.injectFault({
    endpoint: 'house-create',
    action: { type: 'rate-limit', retryAfterSeconds: 2 },
    count: 1,
  });
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  // The 429 is answered before the body is read, so it is not attributed to the house: take the
  // last two POSTs (tests in this file run one after the other).
  const calls = (await h.control.calls({ endpoint: 'house-create' })).calls.slice(-2);
  expect(calls.map((c) => c.status)).toEqual([429, 202]);
  const gap = Date.parse(calls[1]!.at) - Date.parse(calls[0]!.at);
  expect(gap).toBeGreaterThanOrEqual(2_000);
  await h.control.registerArrival(houseOf(doc));
  expect((await handle.result()).phase).toBe('RELEASED');
});
