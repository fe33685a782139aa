// Contract of the master consignment endpoints as DOMAIN.md section 1b describes them, over raw
// HTTP: notification by key, the synchronous 400, and the state file keeping transports and masters.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Harness, MODE_SCOPES, QUIET, quietTwinPerFile, startHarness } from './helpers';
import {
  MOVEMENT_PATHS as P,
  answerOf,
  instantAt,
  registerMaster,
  registerTransport,
  rejectionsOf,
  sampleMaster,
  sampleTransport,
} from './movement-helpers';

let h: Harness;
quietTwinPerFile((twin) => (h = twin), { absent: 'null', successStatus: 200, extraFields: false });

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
