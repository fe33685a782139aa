// Explicit presentation at every level (DOMAIN.md section 1, step 5, and section 5), over raw HTTP:
// presenting an ENS, a master, a container or a receptacle presents every house inside it, and
// the houses' routing then follows in the feed.
import { randomUUID } from 'node:crypto';
import {
  ENTRY_SCOPE,
  type Harness,
  MODE_SCOPES,
  PATHS,
  type Reply,
  readFeed,
  register,
  sampleHouse,
  validationOf,
  quietTwinPerFile,
} from './helpers';
import { registerMaster, sampleMaster, underMaster } from './movement-helpers';

let h: Harness;
quietTwinPerFile((twin) => (h = twin));

const OFFICE = 'NO351001';

async function present(level: string, identifier: Record<string, unknown>): Promise<Reply> {
  const requestId = randomUUID();
  const sent = await h.call('POST', PATHS.present(level), ENTRY_SCOPE, {
    requestId,
    customsOfficeOfPresentation: OFFICE,
    ...identifier,
  });
  expect(sent.status).toBe(200);
  return h.call('GET', PATHS.presentationStatus(requestId), ENTRY_SCOPE);
}

const statusOf = (r: Reply) => (r.body as Array<{ status: string }>)[0]!.status;
const routed = async () =>
  (await readFeed(h)).map(
    (i) =>
      `${i.transportDocumentHouseLevel?.referenceNumber}/${i.transportDocumentHouseLevel?.type}:${i.routingResult.routing}`,
  );
const presentMaster = (documentNumber: string) =>
  present('master-consignment', {
    consignmentMasterLevel: { transportDocumentMasterLevel: { documentNumber, type: 'N741' } },
  });

const presentHouse = (documentNumber: string, type?: string) =>
  present(
    'house-consignment',
    type === undefined
      ? { referenceNumber: documentNumber }
      : { consignmentHouseLevel: { transportDocumentHouseLevel: { documentNumber, type } } },
  );

it('given registered houses, when each is presented by its key (v2 body, or ICS2 reference without type), then it is routed; another type, a deleted house or an unknown one is a FAILURE', async () => {
  await register(h, 'road', sampleHouse('HOUSE-K1'));
  await register(h, 'road', sampleHouse('HOUSE-K2'));
  const gone = await register(h, 'road', sampleHouse('HOUSE-GONE'));
  const del = await h.call('DELETE', PATHS.houseByMrn('road', gone), MODE_SCOPES.road, {
    documentIssueDate: '2024-05-02T10:00:00Z',
  });
  await validationOf(h, 'road', (del.body as { requestId: string }).requestId);
  expect(statusOf(await presentHouse('HOUSE-K1', 'N730'))).toBe('SUCCESS');
  expect(statusOf(await presentHouse('HOUSE-K2'))).toBe('SUCCESS');
  expect(statusOf(await presentHouse('HOUSE-K1', 'N740'))).toBe('FAILURE');
  expect(statusOf(await presentHouse('HOUSE-GONE', 'N730'))).toBe('FAILURE');
  expect(statusOf(await presentHouse('HOUSE-GONE'))).toBe('FAILURE');
  expect(statusOf(await presentHouse('HOUSE-NONE', 'N730'))).toBe('FAILURE');
  expect(await routed()).toEqual(['HOUSE-K1/N730:TO_ENTRY', 'HOUSE-K2/N730:TO_ENTRY']);
});

it('given the playground ENS 23NO00000000000003, when presented, then HC001 and HC002 (N740) are presented and their routings TO_ENTRY and TO_CONTROL follow in the feed', async () => {
  const status = await present('entry-summary-declaration', { mrn: '23NO00000000000003' });
  expect(statusOf(status)).toBe('SUCCESS');
  const feed = await readFeed(h);
  expect(
    feed.map((i) => [i.transportDocumentHouseLevel, i.routingResult.routing, i.entrySummaryDeclarationMRN]),
  ).toEqual([
    [{ referenceNumber: 'HC001', type: 'N740' }, 'TO_ENTRY', '23NO00000000000003'],
    [{ referenceNumber: 'HC002', type: 'N740' }, 'TO_CONTROL', '23NO00000000000003'],
  ]);
});

it('given a notified master with two houses and an unrelated house, when the master is presented, then exactly its two houses are presented and routed', async () => {
  await registerMaster(h, 'air', sampleMaster('MAWB-P'));
  await register(h, 'air', sampleHouse('HAWB-P1', underMaster('MAWB-P'), 'N740'));
  await register(h, 'air', sampleHouse('HAWB-P2', underMaster('MAWB-P'), 'N740'));
  await register(h, 'air', sampleHouse('HAWB-OTHER', underMaster('MAWB-Q'), 'N740'));
  await h.control.setRoutingPlan({ documentNumber: 'HAWB-P2', type: 'N740' }, [{ routing: 'TO_CONTROL' }]);
  expect(statusOf(await presentMaster('MAWB-P'))).toBe('SUCCESS');
  expect(await routed()).toEqual(['HAWB-P1/N740:TO_ENTRY', 'HAWB-P2/N740:TO_CONTROL']);
  const arrived = (await h.control.houses()).filter((x) => x.arrived).map((x) => x.documentNumber);
  expect(arrived).toEqual(['HAWB-P1', 'HAWB-P2']);
});

it('given a notified master without houses yet, when presented, then SUCCESS with nothing routed; an unknown master is a FAILURE', async () => {
  await registerMaster(h, 'air', sampleMaster('MAWB-EMPTY'));
  expect(statusOf(await presentMaster('MAWB-EMPTY'))).toBe('SUCCESS');
  expect(statusOf(await presentMaster('MAWB-NOBODY'))).toBe('FAILURE');
  expect(await readFeed(h)).toEqual([]);
});

it("given a container named in a master's equipment, when the container is presented, then the master's houses are presented", async () => {
  const equipment = [{ containerIdentificationNumber: 'MSKU1234565', containerPackedStatus: 'A' }];
  await registerMaster(
    h,
    'maritime',
    sampleMaster('MBL-1', { containerIndicator: 1, transportEquipment: equipment }, 'N704'),
  );
  await register(h, 'maritime', sampleHouse('HBL-1', underMaster('MBL-1', 'N704'), 'N714'));
  expect(statusOf(await present('container', { containerIdentificationNumber: 'MSKU1234565' }))).toBe(
    'SUCCESS',
  );
  expect(await routed()).toEqual(['HBL-1/N714:TO_ENTRY']);
});

it("given a container named in a house's equipment and the playground container JARU0000010, when each is presented, then that house and HC003 are presented", async () => {
  const house = {
    containerIndicator: 1,
    transportEquipment: [{ containerIdentificationNumber: 'TGHU7654321' }],
  };
  await register(h, 'maritime', sampleHouse('HBL-2', house, 'N714'));
  await present('container', { containerIdentificationNumber: 'TGHU7654321' });
  await present('container', { containerIdentificationNumber: 'JARU0000010' });
  expect(await routed()).toEqual(['HBL-2/N714:TO_ENTRY', 'HC003/N714:TO_CONTROL']);
});

it('given houses that name a receptacle, when the receptacle is presented, then those houses are presented and no others', async () => {
  const receptacle = 'NOOSLAUSFRAAUN30001001019999';
  await register(h, 'air', sampleHouse('POST-1', { receptacleIdentificationNumber: receptacle }, 'N750'));
  await register(h, 'air', sampleHouse('POST-2', {}, 'N750'));
  expect(statusOf(await present('receptacle', { receptacleIdentificationNumber: receptacle }))).toBe(
    'SUCCESS',
  );
  expect(await routed()).toEqual(['POST-1/N750:TO_ENTRY']);
});
