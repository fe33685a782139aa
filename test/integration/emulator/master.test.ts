// Contract of the master consignment endpoints and the query API as DOMAIN.md section 1b describes
// them, over raw HTTP: notification by key, links by document keys (and the carrier), what a
// transport and a master report as received, and the state file keeping both levels.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Harness, MODE_SCOPES, QUIET, register, sampleHouse, startHarness } from './helpers';
import {
  MOVEMENT_PATHS as P,
  answerOf,
  instantAt,
  registerMaster,
  registerTransport,
  rejectionsOf,
  sampleMaster,
  sampleTransport,
  underMaster,
} from './movement-helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(QUIET);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  await h.control.setStyle({ absent: 'null', successStatus: 200, extraFields: false });
});

const AIR = MODE_SCOPES.air;
const KEY_PATH = 'consignmentMasterLevel.transportDocumentMasterLevel.documentNumber';
const get = async (path: string) => {
  const r = await h.call('GET', path, AIR);
  expect(r.status).toBe(200);
  return r.body;
};
const masterRef = (documentNumber: string) => ({
  transportDocumentMasterLevel: { documentNumber, type: 'N741' },
});

describe('master consignment notification', () => {
  it('given a valid master, when posted, then SUCCESS with an MRN; a second POST of the same key is "already in use"', async () => {
    const mrn = await registerMaster(h, 'air', sampleMaster('MAWB-1'));
    expect(mrn).toMatch(/^\d{2}NO[A-Z0-9]{14}$/);
    const again = await answerOf(h, 'air', 'master', 'POST', P.master('air'), sampleMaster('MAWB-1'));
    expect(again.status).toBe(202);
    expect(rejectionsOf(again)).toEqual([
      {
        description: 'Document number MAWB-1 of type N741 is already in use',
        pointer: { messageElementPath: KEY_PATH },
      },
    ]);
    const calls = await h.control.calls();
    expect(calls.byEndpoint).toMatchObject({ 'master-create': 2, 'master-validation-status': 2 });
  });

  it('given a registered master, when a PUT changes its key, then FAILURE; a whole corrected document succeeds; DELETE cancels it', async () => {
    const mrn = await registerMaster(h, 'air', sampleMaster('MAWB-2'));
    const put = (doc: unknown) => answerOf(h, 'air', 'master', 'PUT', P.masterByMrn('air', mrn), doc);
    expect(rejectionsOf(await put(sampleMaster('MAWB-3')))).toEqual([
      { description: 'documentNumber and type cannot change', pointer: { messageElementPath: KEY_PATH } },
    ]);
    expect((await put(sampleMaster('MAWB-2', { grossMass: 250 }))).body).toMatchObject({
      status: 'SUCCESS',
      mrn,
    });
    expect(await get(P.masterDescendants('air', mrn))).toMatchObject({ weight: 250 });
    const del = await answerOf(h, 'air', 'master', 'DELETE', P.masterByMrn('air', mrn), {
      documentIssueDate: instantAt(Date.now()),
    });
    expect(del.body).toMatchObject({ status: 'SUCCESS', mrn });
    expect((await h.call('GET', P.masterDescendants('air', mrn), AIR)).status).toBe(404);
  });

  it('given missing fields and four release confirmations, when posted, then 400 in Customs wording', async () => {
    const bad = sampleMaster('MAWB-4', { carrier: undefined, grossMass: -1 }) as Record<string, unknown>;
    bad.representative = {
      releasedConfirmation: Array.from({ length: 4 }, () => ({ emailAddress: 'a@b.no' })),
    };
    const r = await h.call('POST', P.master('air'), AIR, bad);
    expect(r.status).toBe(400);
    const errors = (r.body as { validationErrors: Array<{ field: string; error: string }> }).validationErrors;
    expect(errors.map((e) => `${e.field}: ${e.error}`)).toEqual(
      expect.arrayContaining([
        'consignmentMasterLevel.carrier: must not be null',
        'consignmentMasterLevel.grossMass: must be greater than or equal to 0',
        'representative.releasedConfirmation: size must be between 0 and 3',
      ]),
    );
    expect(await h.control.masters()).toEqual([]);
  });
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

it('given a data folder, when the twin restarts, then its transports and masters are still there', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'twin-movement-'));
  try {
    const first = await startHarness({ ...QUIET, dataDir });
    const transport = await registerTransport(
      first,
      'air',
      sampleTransport('air', { consignmentMasterLevel: [masterRef('MAWB-S')] }),
    );
    await registerMaster(first, 'air', sampleMaster('MAWB-S'));
    await first.close();
    const second = await startHarness({ ...QUIET, dataDir });
    try {
      const r = await second.call('GET', P.transportMasters('air', transport), AIR);
      expect(r.body).toEqual([expect.objectContaining({ documentNumber: 'MAWB-S', received: true })]);
    } finally {
      await second.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
