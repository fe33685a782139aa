// Given documents Customs refuses or finds incomplete: the consignment parks, takes a correction
// and carries on to RELEASED; refused corrections and malformed signals never break it.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  correctSignal,
  correctUpdate,
  routingSignal,
  statusQuery,
} from '../../workflows/consignment/messages';
import { houseOf, startHarness, waitForPhase, waitForStatus, type Harness } from './consignment.harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function arriveAndFinish(
  doc: ReturnType<Harness['document']>,
  handle: Awaited<ReturnType<Harness['start']>>,
) {
  await waitForPhase(handle, 'REGISTERED');
  await h.control.registerArrival(houseOf(doc));
  return handle.result();
}

test('given a synchronous 400, when a correction comes through the update, then it is POSTed again and RELEASED', async () => {
  const good = h.document();
  const bad = structuredClone(good);
  bad.consignmentHouseLevel.goodsDescription = '';
  const createsBefore = (await h.control.calls()).byEndpoint['house-create'] ?? 0;
  const handle = await h.start(bad);
  const rejected = await waitForPhase(handle, 'REJECTED');
  expect(rejected.needsAttention).toBe(true);
  expect(rejected.validationErrors.map((e) => e.message)).toContain('must not be blank');
  expect(await handle.executeUpdate(correctUpdate, { args: [good, { reason: 'description added' }] })).toBe(
    2,
  );
  const result = await arriveAndFinish(good, handle);
  expect(result).toMatchObject({ phase: 'RELEASED', revision: 2 });
  // The 400 stored nothing, so the emulator cannot attribute it to the house: count all POSTs.
  expect((await h.control.calls()).byEndpoint['house-create']).toBe(createsBefore + 2);
});

test('given an asynchronous FAILURE, when a correction comes through the signal, then it is RELEASED', async () => {
  const good = h.document();
  const bad = h.document({}, good.consignmentHouseLevel.transportDocumentHouseLevel.documentNumber);
  const cude = bad.consignmentHouseLevel.previousDocuments![0]!;
  (cude as { sequenceNumber?: string }).sequenceNumber = '99';
  const handle = await h.start(bad);
  const rejected = await waitForPhase(handle, 'REJECTED');
  expect(rejected.validationErrors.length).toBeGreaterThan(0);
  expect(rejected.mrn).toBeUndefined();
  await handle.signal(correctSignal, good, { reason: 'right declaration' });
  expect((await arriveAndFinish(good, handle)).phase).toBe('RELEASED');
});

test('given INCOMPLETE, when the update corrects it, then exactly one POST and one PUT reach Customs and it is RELEASED', async () => {
  const complete = h.document({
    consignmentHouseLevel: { importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' } },
  });
  const incomplete = structuredClone(complete);
  incomplete.consignmentHouseLevel.previousDocuments = [];
  const handle = await h.start(incomplete);
  const parked = await waitForPhase(handle, 'INCOMPLETE');
  expect(parked.mrn).toBeDefined();
  expect(parked.needsAttention).toBe(true);
  expect(parked.incompleteReasons).toEqual([
    { code: 'INCOMPLETE_CUDE_DOCUMENTATION', known: true, meaning: expect.stringContaining('CUDE') },
  ]);
  await handle.executeUpdate(correctUpdate, { args: [complete, { reason: 'declaration reference' }] });
  const result = await arriveAndFinish(complete, handle);
  expect(result).toMatchObject({ phase: 'RELEASED', mrn: parked.mrn, revision: 2 });
  const calls = await h.control.calls({ house: houseOf(complete) });
  expect(calls.byEndpoint['house-create']).toBe(1);
  expect(calls.byEndpoint['house-replace']).toBe(1);
  const status = await handle.query(statusQuery);
  expect(status.incompleteReasons).toEqual([]);
  expect(status.requestId).not.toBe(parked.requestId);
});

test('given a parked consignment, when a correction changes the business key or breaks the schema, then the validator refuses it and the workflow carries on', async () => {
  const good = h.document();
  const bad = structuredClone(good);
  bad.consignmentHouseLevel.goodsDescription = '';
  const handle = await h.start(bad);
  await waitForPhase(handle, 'REJECTED');
  const otherKey = h.document();
  await expect(
    handle.executeUpdate(correctUpdate, { args: [otherKey, { reason: 'wrong house' }] }),
  ).rejects.toThrow(WorkflowUpdateFailedError);
  await expect(
    handle.executeUpdate(correctUpdate, { args: [bad, { reason: 'still blank' }] }),
  ).rejects.toMatchObject({
    cause: { message: expect.stringMatching(/goodsDescription: must not be blank/) },
  });
  // A signal with garbage is recorded, not fatal.
  await handle.signal(routingSignal, { nonsense: true } as never);
  const status = await waitForStatus(handle, (s) => s.rejectedMessages.length === 1, 'rejected message');
  expect(status.rejectedMessages[0]).toMatchObject({ message: 'routing' });
  expect(status).toMatchObject({ phase: 'REJECTED', revision: 1 });
  await handle.executeUpdate(correctUpdate, { args: [good, { reason: 'fixed' }] });
  expect((await arriveAndFinish(good, handle)).phase).toBe('RELEASED');
});
