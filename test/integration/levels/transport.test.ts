// A transport's workflow against the twin: registered, entered after its ETA, an ETA change as
// one PUT, a key change refused, and a refused entry parked with the reason.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_KEYS, transportKey } from '../../../src/shared';
import {
  LEVEL_STATUS_MEMO_KEY,
  transportCorrectUpdate,
  updateArrivalUpdate,
} from '../../../workflows/transport/messages';
import { startHarness, type Harness } from '../consignment.harness';
import {
  HOUR,
  instantAt,
  registeredWithTree,
  startTransport,
  transportArriving,
  waitForTransport,
} from './levels.helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  await h.control.setBorderClockOffset(0);
});

it('given a road transport arriving in seconds, when registered and the border has passed its ETA, then ENTERED with the entry and the tree Customs holds', async () => {
  const doc = transportArriving('road', 4_000);
  const handle = await startTransport(h, 'road', doc);
  const registered = await waitForTransport(handle, registeredWithTree, 'REGISTERED with the tree read');
  expect(registered.mrn).toHaveLength(18);
  expect(registered.descendants).toEqual(expect.objectContaining({ masterConsignments: [] }));
  await h.control.setBorderClockOffset(HOUR);
  const entered = await waitForTransport(handle, (s) => s.phase === 'ENTERED', 'ENTERED');
  expect(entered.entry).toMatchObject({
    validEntry: true,
    customsOfficeOfEntry: 'NO351001',
    mrn: registered.mrn,
  });
  expect(entered.needsAttention).toBe(false);
  expect(entered.timeline.map((t) => t.phase)).toEqual([
    'SUBMITTING',
    'AWAITING_VALIDATION',
    'REGISTERED',
    'AWAITING_ENTRY',
    'ENTERED',
  ]);
  await expect(handle.result()).resolves.toMatchObject({ phase: 'ENTERED', mrn: registered.mrn });
  const described = await handle.describe();
  expect(described.memo?.[LEVEL_STATUS_MEMO_KEY]).toMatchObject({ phase: 'ENTERED', mrn: registered.mrn });
  expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTE_KEYS.phase)).toBe('ENTERED');
  expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTE_KEYS.transport)).toBe(
    transportKey('road', doc),
  );
});

it('given a registered air transport, when its arrival is updated, then exactly one transport PUT; when a correction changes the scheduled time, then the validator refuses it naming the field', async () => {
  const doc = transportArriving('air', 2 * HOUR);
  const handle = await startTransport(h, 'air', doc);
  const { mrn } = await waitForTransport(handle, (s) => s.phase === 'REGISTERED', 'REGISTERED');
  const putsBefore =
    (await h.control.calls({ endpoint: 'transport-replace' })).byEndpoint['transport-replace'] ?? 0;
  const later = instantAt(Date.parse(doc.estimatedDateAndTimeOfArrival as string) + HOUR);

  const revision = await handle.executeUpdate(updateArrivalUpdate, {
    args: [{ estimatedDateAndTimeOfArrival: later }],
  });

  expect(revision).toBe(2);
  const updated = await waitForTransport(
    handle,
    (s) => s.phase === 'REGISTERED' && s.estimatedDateAndTimeOfArrival === later && s.timeline.length > 3,
    'REGISTERED with the new ETA',
  );
  expect(updated.mrn).toBe(mrn);
  const putsAfter =
    (await h.control.calls({ endpoint: 'transport-replace' })).byEndpoint['transport-replace'] ?? 0;
  expect(putsAfter - putsBefore).toBe(1);
  const [atTwin] = (await h.control.transports()).filter((t) => t.mrn === mrn);
  expect(atTwin).toBeDefined();

  const moved = { ...doc, scheduledDateAndTimeOfArrival: later, estimatedDateAndTimeOfArrival: later };
  const refused = handle.executeUpdate(transportCorrectUpdate, { args: [moved, { reason: 'new slot' }] });
  await expect(refused).rejects.toThrow(WorkflowUpdateFailedError);
  await expect(refused).rejects.toMatchObject({
    cause: {
      type: 'KEY_CHANGED',
      message: expect.stringMatching(/scheduledDateAndTimeOfArrival cannot change/),
    },
  });
  expect((await waitForTransport(handle, () => true, 'status')).revision).toBe(2);
});

it('given a road transport whose entry Customs refuses, when the border has passed its ETA, then ENTRY_REFUSED, parked with "contact Customs before unloading"', async () => {
  // The ETA leaves time to plan the refusal before the first entry-status poll.
  const handle = await startTransport(h, 'road', transportArriving('road', 15_000));
  const { mrn } = await waitForTransport(handle, (s) => s.phase === 'REGISTERED', 'REGISTERED');
  await h.control.setEntryPlan({ transportMrn: mrn!, validEntry: false });
  await h.control.setBorderClockOffset(HOUR);

  const refused = await waitForTransport(handle, (s) => s.phase === 'ENTRY_REFUSED', 'ENTRY_REFUSED');

  expect(refused.entry).toMatchObject({ validEntry: false });
  expect(refused.needsAttention).toBe(true);
  expect(refused.needsAttentionReason).toMatch(/contact Customs before unloading/);
  await handle.terminate('test finished');
});
