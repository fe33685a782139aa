// Given real workers, the dev server and the emulator: consignments that Customs accepts run to
// their routing outcome.
import { startHarness, houseOf, waitForPhase, type Harness } from './consignment.harness';
import { arrivedSignal, statusQuery } from '../../workflows/consignment/messages';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

test('given a valid house, when it arrives and Customs routes TO_ENTRY, then it is RELEASED', async () => {
  const doc = h.document();
  const handle = await h.start(doc);
  const registered = await waitForPhase(handle, 'REGISTERED');
  expect(registered.mrn).toMatch(/^[0-9A-Z]{18}$/);
  await h.control.registerArrival(houseOf(doc));
  const result = await handle.result();
  expect(result).toMatchObject({ phase: 'RELEASED', mrn: registered.mrn, revision: 1 });
  const status = await handle.query(statusQuery);
  // Customs presented the goods at the border itself: its routing ended the wait for arrival, so
  // the house went straight to the phase the routing gives (it never waited for routing).
  expect(status.timeline.map((t) => t.phase)).toEqual([
    'SUBMITTING',
    'AWAITING_VALIDATION',
    'REGISTERED',
    'RELEASED',
  ]);
  expect(status.routing?.routing).toBe('TO_ENTRY');
  expect(status.needsAttention).toBe(false);
});

test('given routing TO_CONTROL at arrival and TO_ENTRY after the control, then it passes TO_CONTROL and is RELEASED', async () => {
  const doc = h.document();
  const house = houseOf(doc);
  // TO_ENTRY comes when the test has seen TO_CONTROL (a planned delay could overtake the wait).
  await h.control.setRoutingPlan(house, [{ routing: 'TO_CONTROL', routingControlLocation: 'ON_ENTRY' }]);
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  await h.control.registerArrival(house);
  const control = await waitForPhase(handle, 'TO_CONTROL');
  expect(control.routing).toMatchObject({ routing: 'TO_CONTROL', controlLocation: 'ON_ENTRY' });
  await h.control.injectSignals([{ ...house, routing: 'TO_ENTRY' }]);
  const result = await handle.result();
  expect(result.phase).toBe('RELEASED');
  const status = await handle.query(statusQuery);
  expect(status.routingHistory.map((r) => r.routing)).toEqual(['TO_CONTROL', 'TO_ENTRY']);
});

test('given a routing plan ENTRY_DENIED, when it arrives, then it ends DENIED', async () => {
  const doc = h.document();
  const house = houseOf(doc);
  await h.control.setRoutingPlan(house, [{ routing: 'ENTRY_DENIED' }]);
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  await h.control.registerArrival(house);
  expect((await handle.result()).phase).toBe('DENIED');
});

test('given explicit presentation, when the arrived signal comes, then it presents with its own requestId and is RELEASED', async () => {
  const doc = h.document();
  const handle = await h.start(doc, { presentation: { customsOfficeOfPresentation: 'NO351001' } });
  await waitForPhase(handle, 'REGISTERED');
  await handle.signal(arrivedSignal, { at: new Date().toISOString() });
  const result = await handle.result();
  expect(result.phase).toBe('RELEASED');
  const status = await handle.query(statusQuery);
  expect(status.presentationRequestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(status.timeline.map((t) => t.phase)).toContain('PRESENTING');
  const calls = await h.control.calls({ house: houseOf(doc) });
  expect(calls.byEndpoint.presentation).toBe(1);
});

test('given a running consignment, when the ERP starts the same house again, then it gets the same run', async () => {
  const doc = h.document();
  const first = await h.start(doc);
  const second = await h.start(doc);
  expect(second.firstExecutionRunId).toBe(first.firstExecutionRunId);
  await waitForPhase(first, 'REGISTERED');
  await h.control.registerArrival(houseOf(doc));
  expect((await first.result()).phase).toBe('RELEASED');
  const calls = await h.control.calls({ house: houseOf(doc) });
  expect(calls.byEndpoint['house-create']).toBe(1);
});
