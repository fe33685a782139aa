// A transport or master whose POST Customs stored but whose answer was lost (the twin's
// drop-after-write): the retry meets "already …", the level parks in MRN_UNKNOWN with what to do,
// and the MRN a person supplies (provideMrn) lets it go on: REGISTERED, ENTERED, a waiting
// correction PUT, a cancel DELETEd.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { EndpointKind } from '../../../src/emulator/types';
import { LEVEL_REFUSAL_TYPES } from '../../../workflows/notification/lifecycle-types';
import {
  masterCancelSignal,
  masterCorrectUpdate,
  masterProvideMrnUpdate,
  type MasterDocument,
} from '../../../workflows/master/messages';
import { transportProvideMrnUpdate } from '../../../workflows/transport/messages';
import { startHarness, type Harness } from '../consignment.harness';
import { sampleMaster } from '../emulator/movement-helpers';
import {
  HOUR,
  startMaster,
  startTransport,
  transportArriving,
  waitForMaster,
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
  await h.control.clearFaults();
  await h.control.setBorderClockOffset(0);
});

const unique = () => `MAWB-${Date.now().toString(36).toUpperCase()}-${Math.floor(Math.random() * 1e4)}`;
const calls = async (endpoint: EndpointKind) =>
  (await h.control.calls({ endpoint })).byEndpoint[endpoint] ?? 0;

/** The next POST of `endpoint` is stored at the twin, and its answer lost (the connection dropped). */
const loseNextAnswer = (endpoint: 'transport-create' | 'master-create') =>
  h.control.injectFault({ endpoint, action: { type: 'drop-after-write' }, count: 1 });

async function masterMrnAtTwin(documentNumber: string): Promise<string> {
  const held = (await h.control.masters()).filter((m) => m.documentNumber === documentNumber && !m.deleted);
  expect(held).toHaveLength(1);
  return held[0]!.mrn;
}

/** Starts a master whose first POST's answer is lost, and waits for MRN_UNKNOWN. */
async function masterInMrnUnknown(number: string) {
  const master = sampleMaster(number, { grossMass: 100 }) as MasterDocument;
  await loseNextAnswer('master-create');
  const handle = await startMaster(h, 'air', master);
  const held = await waitForMaster(handle, (s) => s.phase === 'MRN_UNKNOWN', 'MRN_UNKNOWN');
  return { master, handle, held };
}

it('given a transport whose POST answer was lost, when the retry meets "already registered", then MRN_UNKNOWN with NeedsAttention; a malformed MRN is refused, the twin\'s MRN makes it REGISTERED and, after its ETA, ENTERED', async () => {
  const doc = transportArriving('road', 8_000);
  await loseNextAnswer('transport-create');
  const handle = await startTransport(h, 'road', doc);

  const held = await waitForTransport(handle, (s) => s.phase === 'MRN_UNKNOWN', 'MRN_UNKNOWN');
  expect(held.mrn).toBeUndefined();
  expect(held.needsAttention).toBe(true);
  expect(held.needsAttentionReason).toMatch(
    /^Customs holds this transport but its MRN is unknown: supply it with provideMrn/,
  );
  const stored = (await h.control.transports()).filter(
    (t) =>
      t.identificationNumber === held.identificationNumber &&
      t.scheduledDateAndTimeOfArrival === held.scheduledDateAndTimeOfArrival,
  );
  expect(stored).toHaveLength(1);

  const malformed = handle.executeUpdate(transportProvideMrnUpdate, { args: [{ mrn: '22no-too-short' }] });
  await expect(malformed).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  await expect(malformed).rejects.toMatchObject({
    cause: { type: LEVEL_REFUSAL_TYPES.malformed, message: expect.stringMatching(/18 characters/) },
  });

  const mrn = stored[0]!.mrn;
  await expect(handle.executeUpdate(transportProvideMrnUpdate, { args: [{ mrn }] })).resolves.toBe(mrn);
  const registered = await waitForTransport(handle, (s) => s.phase !== 'MRN_UNKNOWN', 'past MRN_UNKNOWN');
  expect(registered).toMatchObject({ mrn, needsAttention: false, validationIssues: [] });
  await expect(handle.executeUpdate(transportProvideMrnUpdate, { args: [{ mrn }] })).rejects.toMatchObject({
    cause: { type: LEVEL_REFUSAL_TYPES.mrnNotMissing },
  });

  await h.control.setBorderClockOffset(HOUR);
  const entered = await waitForTransport(handle, (s) => s.phase === 'ENTERED', 'ENTERED', 30_000);
  expect(entered.entry).toMatchObject({ validEntry: true, mrn });
  expect(entered.timeline.map((t) => t.phase)).toEqual([
    'SUBMITTING',
    'AWAITING_VALIDATION',
    'MRN_UNKNOWN',
    'REGISTERED',
    'AWAITING_ENTRY',
    'ENTERED',
  ]);
});

it('given a master in MRN_UNKNOWN with a correction waiting, when its MRN is supplied, then REGISTERED and the correction is one PUT with that MRN, never another POST', async () => {
  const number = unique();
  const { master, handle, held } = await masterInMrnUnknown(number);
  expect(held.needsAttentionReason).toMatch(
    /^Customs holds this master but its MRN is unknown: supply it with provideMrn/,
  );
  const posts = await calls('master-create');
  const puts = await calls('master-replace');
  const corrected = {
    ...master,
    consignmentMasterLevel: { ...master.consignmentMasterLevel, grossMass: 250 },
  };
  await expect(
    handle.executeUpdate(masterCorrectUpdate, { args: [corrected, { reason: 'weighed' }] }),
  ).resolves.toBe(2);
  const waiting = await waitForMaster(handle, (s) => s.revision === 2, 'revision 2 accepted');
  expect(waiting.phase).toBe('MRN_UNKNOWN');

  const mrn = await masterMrnAtTwin(number);
  await expect(handle.executeUpdate(masterProvideMrnUpdate, { args: [{ mrn }] })).resolves.toBe(mrn);

  const registered = await waitForMaster(
    handle,
    (s) => s.phase === 'REGISTERED' && s.descendants?.weight === 250,
    'REGISTERED with the corrected weight',
  );
  expect(registered).toMatchObject({ mrn, revision: 2, needsAttention: false });
  expect((await calls('master-replace')) - puts).toBe(1);
  expect((await calls('master-create')) - posts).toBe(0);
});

it('given a master in MRN_UNKNOWN, when cancelled, then it says the DELETE needs the MRN and, once supplied, DELETEs with it and ends CANCELLED', async () => {
  const number = unique();
  const { handle } = await masterInMrnUnknown(number);

  await handle.signal(masterCancelSignal, { reason: 'flight cancelled' });
  const waiting = await waitForMaster(
    handle,
    (s) => s.needsAttentionReason?.startsWith('Cancel:') ?? false,
    'the cancel waiting for the MRN',
  );
  expect(waiting.needsAttentionReason).toMatch(/supply it with provideMrn to DELETE it/);
  const deletes = await calls('master-delete');

  const mrn = await masterMrnAtTwin(number);
  await handle.executeUpdate(masterProvideMrnUpdate, { args: [{ mrn }] });

  await expect(handle.result()).resolves.toMatchObject({ phase: 'CANCELLED', mrn });
  expect((await calls('master-delete')) - deletes).toBe(1);
  const atTwin = (await h.control.masters()).find((m) => m.mrn === mrn);
  expect(atTwin?.deleted).toBe(true);
});
