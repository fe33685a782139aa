// A master consignment's workflow against the twin: registered with the houses Customs holds under
// it, corrected by one PUT, cancelled by DELETE; and ended when its transport has entered.
import type { HouseConsignment } from '../../../src/domain';
import { SEARCH_ATTRIBUTE_KEYS, masterDocumentKey, transportKey } from '../../../src/shared';
import {
  masterCancelUpdate,
  masterCorrectUpdate,
  type MasterDocument,
} from '../../../workflows/master/messages';
import { startHarness, waitForPhase, type Harness } from '../consignment.harness';
import type { DeepPartial } from '../../fixtures/documents';
import { sampleMaster, underMaster } from '../emulator/movement-helpers';
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
  await h.control.setBorderClockOffset(0);
});

const unique = () => `MAWB-${Date.now().toString(36).toUpperCase()}-${Math.floor(Math.random() * 1e4)}`;
const calls = async (endpoint: 'master-replace' | 'master-delete') =>
  (await h.control.calls({ endpoint })).byEndpoint[endpoint] ?? 0;

it('given a master with a house under it, when registered, corrected and cancelled, then its status lists the house, one PUT and one DELETE reach Customs, and it ends CANCELLED', async () => {
  const number = unique();
  const master = sampleMaster(number, { grossMass: 100 }) as MasterDocument;
  const house = await h.start(
    h.document({ consignmentHouseLevel: underMaster(number) } as DeepPartial<HouseConsignment>),
    { mode: 'air' },
  );
  await waitForPhase(house, 'REGISTERED');
  const handle = await startMaster(h, 'air', master);

  const registered = await waitForMaster(
    handle,
    (s) => s.phase === 'REGISTERED' && (s.descendants?.houseConsignments.length ?? 0) > 0,
    'REGISTERED with its house',
  );
  expect(registered.descendants).toMatchObject({
    documentNumber: number,
    houseConsignments: [{ documentNumber: house.workflowId.split(':')[2], status: 'SUCCESS' }],
  });
  const described = await handle.describe();
  expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTE_KEYS.masterDocument)).toBe(
    masterDocumentKey({ type: 'N741', documentNumber: number }),
  );

  const puts = await calls('master-replace');
  const corrected = {
    ...master,
    consignmentMasterLevel: { ...master.consignmentMasterLevel, grossMass: 250 },
  };
  await expect(
    handle.executeUpdate(masterCorrectUpdate, { args: [corrected, { reason: 'weighed' }] }),
  ).resolves.toBe(2);
  const again = await waitForMaster(
    handle,
    (s) => s.phase === 'REGISTERED' && s.revision === 2 && s.descendants?.weight === 250,
    'REGISTERED at revision 2 with the new weight',
  );
  expect(again.mrn).toBe(registered.mrn);
  expect((await calls('master-replace')) - puts).toBe(1);

  const deletes = await calls('master-delete');
  const result = await handle.executeUpdate(masterCancelUpdate, { args: [{ reason: 'flight cancelled' }] });
  expect(result).toMatchObject({ phase: 'CANCELLED', mrn: registered.mrn, cancelReason: 'flight cancelled' });
  expect((await calls('master-delete')) - deletes).toBe(1);
  expect((await h.control.masters()).find((m) => m.mrn === registered.mrn)).toMatchObject({ deleted: true });
});

it('given a registered master listed by a road transport, when the transport has entered, then the master is told and ends ENTERED', async () => {
  const number = unique();
  const key = { documentNumber: number, type: 'N741' };
  // The ETA leaves time for the master and then the transport to register before entry.
  const transportDoc = transportArriving('road', 15_000, {
    consignmentMasterLevel: [{ transportDocumentMasterLevel: key }],
  });
  const master = await startMaster(h, 'road', sampleMaster(number) as MasterDocument, [
    { key: SEARCH_ATTRIBUTE_KEYS.transport, value: transportKey('road', transportDoc) },
  ]);
  await waitForMaster(master, (s) => s.phase === 'REGISTERED', 'REGISTERED');
  const transport = await startTransport(h, 'road', transportDoc);
  const registered = await waitForTransport(transport, (s) => s.phase === 'REGISTERED', 'REGISTERED');
  expect(registered.masters).toEqual([master.workflowId]);
  await h.control.setBorderClockOffset(HOUR);

  await waitForTransport(transport, (s) => s.phase === 'ENTERED', 'ENTERED');
  const ended = await waitForMaster(master, (s) => s.phase === 'ENTERED', 'ENTERED');

  expect(ended.transportEntered).toMatchObject({
    transportWorkflowId: transport.workflowId,
    transportMrn: registered.mrn,
  });
  await expect(master.result()).resolves.toMatchObject({ phase: 'ENTERED' });
  const described = await master.describe();
  expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTE_KEYS.transport)).toBe(
    transport.workflowId.replace(/^tr:/, ''),
  );
});
