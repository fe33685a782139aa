// The query API (DOMAIN.md section 1b) over raw HTTP: a transport names its masters and direct houses
// by key, a house names its master; what Customs reports as received, with weights and statuses.
import { type Harness, MODE_SCOPES, register, sampleHouse, quietTwinPerFile } from './helpers';
import {
  MOVEMENT_PATHS as P,
  registerMaster,
  registerTransport,
  sampleMaster,
  sampleTransport,
  underMaster,
} from './movement-helpers';

let h: Harness;
quietTwinPerFile((twin) => (h = twin), { absent: 'null', successStatus: 200, extraFields: false });

const AIR = MODE_SCOPES.air;
const get = async (path: string) => {
  const r = await h.call('GET', path, AIR);
  expect(r.status).toBe(200);
  return r.body;
};
const masterRef = (documentNumber: string) => ({
  transportDocumentMasterLevel: { documentNumber, type: 'N741' },
});
describe('query API', () => {
  it('given a transport naming two masters, when neither is notified, then both are received: false; once one is notified with the carrier, it is true with its houses and weights', async () => {
    const transport = await registerTransport(
      h,
      'air',
      sampleTransport('air', { consignmentMasterLevel: [masterRef('MAWB-A'), masterRef('MAWB-B')] }),
    );
    const before = await get(P.transportDescendants('air', transport));
    expect(before).toEqual({
      sumOfWeightForMasterConsignments: 0,
      sumOfWeightForHouseConsignments: 0,
      masterConsignments: [
        {
          documentNumber: 'MAWB-A',
          type: 'N741',
          weight: null,
          sumOfWeightForHouseConsignments: 0,
          received: false,
          houseConsignments: [],
        },
        {
          documentNumber: 'MAWB-B',
          type: 'N741',
          weight: null,
          sumOfWeightForHouseConsignments: 0,
          received: false,
          houseConsignments: [],
        },
      ],
    });
    const masterA = await registerMaster(h, 'air', sampleMaster('MAWB-A', { grossMass: 40 }));
    // Same key, another carrier: Customs does not link it to this transport.
    await registerMaster(
      h,
      'air',
      sampleMaster('MAWB-B', { carrier: { identificationNumber: 'NO999999999' } }),
    );
    await register(
      h,
      'air',
      sampleHouse('HAWB-1', { ...underMaster('MAWB-A'), totalGrossMass: 12.5 }, 'N740'),
    );
    await register(
      h,
      'air',
      sampleHouse('HAWB-2', { ...underMaster('MAWB-A'), totalGrossMass: 7.25 }, 'N740'),
    );
    const houses = [
      { documentNumber: 'HAWB-1', type: 'N740', weight: 12.5, status: 'SUCCESS' },
      { documentNumber: 'HAWB-2', type: 'N740', weight: 7.25, status: 'SUCCESS' },
    ];
    const a = {
      documentNumber: 'MAWB-A',
      type: 'N741',
      weight: 40,
      sumOfWeightForHouseConsignments: 19.75,
      received: true,
      houseConsignments: houses,
    };
    expect(await get(P.transportDescendants('air', transport))).toEqual({
      sumOfWeightForMasterConsignments: 40,
      sumOfWeightForHouseConsignments: 19.75,
      masterConsignments: [
        a,
        expect.objectContaining({ documentNumber: 'MAWB-B', received: false, weight: null }),
      ],
    });
    expect(await get(P.masterDescendants('air', masterA))).toEqual(a);
    expect(await get(P.transportMasters('air', transport))).toEqual([
      { documentNumber: 'MAWB-A', type: 'N741', received: true },
      { documentNumber: 'MAWB-B', type: 'N741', received: false },
    ]);
  });

  it("given a master's houses, one INCOMPLETE, when its transport documents are asked, then each with its document status and reasons", async () => {
    const master = await registerMaster(h, 'air', sampleMaster('MAWB-C'));
    await register(h, 'air', sampleHouse('HAWB-3', underMaster('MAWB-C'), 'N740'));
    const incomplete = {
      ...underMaster('MAWB-C'),
      importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' },
    };
    await register(h, 'air', sampleHouse('HAWB-4', incomplete, 'N740'));
    expect(await get(P.masterHouses('air', master))).toEqual([
      {
        documentNumber: 'HAWB-3',
        type: 'N740',
        received: true,
        documentStatus: 'SUCCESS',
        incompleteDocumentationReasonList: null,
      },
      {
        documentNumber: 'HAWB-4',
        type: 'N740',
        received: true,
        documentStatus: 'INCOMPLETE',
        incompleteDocumentationReasonList: ['INCOMPLETE_CUDE_DOCUMENTATION'],
      },
    ]);
  });

  it('given a transport naming houses directly, when its house documents are asked, then the notified one is received and the other not', async () => {
    const direct = {
      ...masterRef('MAWB-D'),
      consignmentHouseLevel: [
        { transportDocumentHouseLevel: { documentNumber: 'DIRECT-1', type: 'N740' } },
        { transportDocumentHouseLevel: { documentNumber: 'DIRECT-2', type: 'N740' } },
      ],
    };
    const transport = await registerTransport(
      h,
      'air',
      sampleTransport('air', { consignmentMasterLevel: [direct] }),
    );
    await register(h, 'air', sampleHouse('DIRECT-1', {}, 'N740'));
    expect(await get(P.transportHouses('air', transport))).toEqual([
      {
        documentNumber: 'DIRECT-1',
        type: 'N740',
        received: true,
        documentStatus: 'SUCCESS',
        incompleteDocumentationReasonList: null,
      },
      {
        documentNumber: 'DIRECT-2',
        type: 'N740',
        received: false,
        documentStatus: null,
        incompleteDocumentationReasonList: null,
      },
    ]);
  });

  it('given the style absent with extra fields, when a transport with an unnotified master is read, then that weight is left out and extras are added', async () => {
    await h.control.setStyle({ absent: 'absent', extraFields: true });
    const transport = await registerTransport(
      h,
      'air',
      sampleTransport('air', { consignmentMasterLevel: [masterRef('MAWB-E')] }),
    );
    const body = (await get(P.transportDescendants('air', transport))) as {
      masterConsignments: Array<Record<string, unknown>>;
    };
    expect(body).toMatchObject({ timestamp: expect.any(String), traceId: expect.any(String) });
    expect(body.masterConsignments[0]).toEqual({
      documentNumber: 'MAWB-E',
      type: 'N741',
      sumOfWeightForHouseConsignments: 0,
      received: false,
      houseConsignments: [],
    });
  });

  it('given unknown MRNs, when the query API is asked, then 404', async () => {
    for (const path of [
      P.transportDescendants('air', 'X'),
      P.masterDescendants('air', 'X'),
      P.transportMasters('air', 'X'),
    ]) {
      expect((await h.call('GET', path, AIR)).status).toBe(404);
    }
  });
});
