// Regression tests of reviewed defects in the steps after submission: 400s of other steps park
// instead of failing, a repeated presentation counts as accepted, corrections during a PUT are
// never lost, ENTRY_PENDING takes a correction, and the validation answer's document status is used.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { arrivedSignal, correctUpdate, statusQuery } from '../../workflows/consignment/messages';
import { houseOf, startHarness, waitForPhase, waitForStatus, type Harness } from './consignment.harness';
import { everNeededAttention } from './consignment-review.harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function presentationCalls(): Promise<number> {
  return (await h.control.calls()).byEndpoint.presentation ?? 0;
}

function incompletePair() {
  const complete = h.document({
    consignmentHouseLevel: { importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' } },
  });
  const incomplete = structuredClone(complete);
  incomplete.consignmentHouseLevel.previousDocuments = [];
  return { complete, incomplete };
}

test('given an arrival with a bad office, when Customs answers the presentation with 400, then it parks in PRESENTING and a corrected arrival presents it', async () => {
  const doc = h.document();
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  await handle.signal(arrivedSignal, { customsOfficeOfPresentation: 'NOWHERE' });
  const parked = await waitForStatus(handle, (s) => s.needsAttention, 'needs attention');
  expect(parked.phase).toBe('PRESENTING');
  expect(parked.needsAttentionReason).toMatch(
    /refused the presentation at NOWHERE \(400: customsOfficeOfPresentation/,
  );
  await handle.signal(arrivedSignal, { customsOfficeOfPresentation: 'NO351001' });
  expect((await handle.result()).phase).toBe('RELEASED');
  expect(
    (await h.control.calls({ house: houseOf(doc), endpoint: 'presentation' })).byEndpoint.presentation,
  ).toBe(1);
});

test('given the presentation answer is lost, when the retry reuses the requestId and gets 400 "already used", then it counts as presented and nothing parks', async () => {
  const doc = h.document();
  const handle = await h.start(doc, { presentation: { customsOfficeOfPresentation: 'NO351001' } });
  await waitForPhase(handle, 'REGISTERED');
  const before = await presentationCalls();
  await h.control.injectFault({ endpoint: 'presentation', action: { type: 'drop-after-write' }, count: 1 });
  await handle.signal(arrivedSignal, {});
  expect((await handle.result()).phase).toBe('RELEASED');
  const calls = (await h.control.calls({ endpoint: 'presentation' })).calls.slice(-2);
  expect(calls.map((c) => c.status)).toEqual([0, 400]);
  expect((await presentationCalls()) - before).toBe(2);
  expect(await everNeededAttention(handle)).toBe(false);
});

test('given INCOMPLETE and a slow PUT, when a second correction comes while the first is being sent, then it is refused or PUT as well, never lost', async () => {
  const { complete, incomplete } = incompletePair();
  const handle = await h.start(incomplete);
  await waitForPhase(handle, 'INCOMPLETE');
  await h.control.injectFault({
    endpoint: 'house-replace',
    action: { type: 'slow', delayMs: 1_500 },
    count: 1,
  });
  const first = structuredClone(complete);
  first.consignmentHouseLevel.goodsDescription = 'first correction';
  expect(await handle.executeUpdate(correctUpdate, { args: [first, { reason: 'declaration' }] })).toBe(2);
  const second = await handle
    .executeUpdate(correctUpdate, { args: [complete, { reason: 'description' }] })
    .then(() => 'accepted' as const)
    .catch((error: unknown) => error);
  await waitForPhase(handle, 'REGISTERED');
  await h.control.registerArrival(houseOf(complete));
  const result = await handle.result();
  const replaces = (await h.control.calls({ house: houseOf(complete) })).byEndpoint['house-replace'];
  if (second === 'accepted') {
    expect(replaces).toBe(2);
    expect(result.revision).toBe(3);
  } else {
    expect(second).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((second as WorkflowUpdateFailedError).cause?.message).toMatch(
      /phase (SUBMITTING|AWAITING_VALIDATION) does not accept corrections/,
    );
    expect(replaces).toBe(1);
    expect(result.revision).toBe(2);
  }
  expect(result.phase).toBe('RELEASED');
});

test('given ENTRY_PENDING, when the update corrects the document, then it is PUT with the MRN, waits for routing again and TO_ENTRY releases it', async () => {
  const doc = h.document();
  const handle = await h.start(doc);
  const registered = await waitForPhase(handle, 'REGISTERED');
  await handle.signal(arrivedSignal, {});
  await waitForPhase(handle, 'AWAITING_ROUTING');
  await h.control.injectSignals([{ ...houseOf(doc), routing: 'ENTRY_PENDING' }]);
  const pending = await waitForStatus(handle, (s) => s.phase === 'ENTRY_PENDING' && s.needsAttention, 'held');
  expect(pending.needsAttentionReason).toMatch(/send a corrected document/);
  const corrected = structuredClone(doc);
  corrected.consignmentHouseLevel.goodsDescription = 'described in full';
  expect(await handle.executeUpdate(correctUpdate, { args: [corrected, { reason: 'deficiency' }] })).toBe(2);
  const waiting = await waitForStatus(
    handle,
    (s) =>
      s.phase === 'AWAITING_ROUTING' &&
      s.timeline.some((t) => t.phase === 'SUBMITTING' && t.at >= pending.timeline.at(-1)!.at),
    'back to awaiting routing',
  );
  expect(waiting.needsAttention).toBe(false);
  expect((await h.control.calls({ house: houseOf(doc) })).byEndpoint['house-replace']).toBe(1);
  await h.control.injectSignals([{ ...houseOf(doc), routing: 'TO_ENTRY' }]);
  expect(await handle.result()).toMatchObject({ phase: 'RELEASED', mrn: registered.mrn, revision: 2 });
});

test('given the validation answer carries INCOMPLETE, when the house is corrected and released, then the transport-document status is never asked for', async () => {
  const { complete, incomplete } = incompletePair();
  const handle = await h.start(incomplete);
  const parked = await waitForPhase(handle, 'INCOMPLETE');
  expect(parked.incompleteReasons.map((r) => r.code)).toEqual(['INCOMPLETE_CUDE_DOCUMENTATION']);
  await handle.executeUpdate(correctUpdate, { args: [complete, { reason: 'declaration reference' }] });
  await waitForPhase(handle, 'REGISTERED');
  await h.control.registerArrival(houseOf(complete));
  expect((await handle.result()).phase).toBe('RELEASED');
  expect((await handle.query(statusQuery)).incompleteReasons).toEqual([]);
  const calls = await h.control.calls({ house: houseOf(complete) });
  expect(calls.byEndpoint['transport-document-status']).toBeUndefined();
});

async function heldEntryPending(doc: ReturnType<Harness['document']>) {
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  await handle.signal(arrivedSignal, {});
  await waitForPhase(handle, 'AWAITING_ROUTING');
  await h.control.injectSignals([{ ...houseOf(doc), routing: 'ENTRY_PENDING' }]);
  const held = await waitForStatus(handle, (s) => s.phase === 'ENTRY_PENDING' && s.needsAttention, 'held');
  return { handle, held };
}

test('given ENTRY_PENDING, when the corrected document is INCOMPLETE, then it stays in ENTRY_PENDING with the reasons and takes another correction', async () => {
  const { complete, incomplete } = incompletePair();
  const { handle, held } = await heldEntryPending(complete);
  await handle.executeUpdate(correctUpdate, { args: [incomplete, { reason: 'first try' }] });
  const again = await waitForStatus(
    handle,
    (s) => s.phase === 'ENTRY_PENDING' && s.needsAttention && s.timeline.length > held.timeline.length,
    'held again',
  );
  expect(again.needsAttentionReason).toMatch(/INCOMPLETE \(INCOMPLETE_CUDE_DOCUMENTATION\)/);
  expect(again.incompleteReasons.map((r) => r.code)).toEqual(['INCOMPLETE_CUDE_DOCUMENTATION']);
  await handle.executeUpdate(correctUpdate, { args: [complete, { reason: 'declaration reference' }] });
  await waitForStatus(handle, (s) => s.phase === 'AWAITING_ROUTING' && !s.needsAttention, 'awaiting routing');
  await h.control.injectSignals([{ ...houseOf(complete), routing: 'TO_ENTRY' }]);
  expect(await handle.result()).toMatchObject({ phase: 'RELEASED', revision: 3 });
  expect((await h.control.calls({ house: houseOf(complete) })).byEndpoint['house-replace']).toBe(2);
});

test('given ENTRY_PENDING and a PUT parked on refused credentials, when TO_ENTRY arrives, then the routing ends the park and releases the goods', async () => {
  const doc = h.document();
  const { handle } = await heldEntryPending(doc);
  await h.control.injectFault({
    endpoint: 'house-replace',
    action: { type: 'status', status: 403 },
    count: 1,
  });
  const corrected = structuredClone(doc);
  corrected.consignmentHouseLevel.goodsDescription = 'described in full';
  await handle.executeUpdate(correctUpdate, { args: [corrected, { reason: 'deficiency' }] });
  const parked = await waitForStatus(handle, (s) => s.phase === 'SUBMITTING' && s.needsAttention, 'parked');
  expect(parked.needsAttentionReason).toMatch(/^PUT: Customs refused our credentials/);
  await h.control.injectSignals([{ ...houseOf(doc), routing: 'TO_ENTRY' }]);
  expect((await handle.result()).phase).toBe('RELEASED');
  expect((await handle.query(statusQuery)).needsAttention).toBe(false);
});
