// Contract of the house consignment endpoints as DOMAIN.md describes them, over raw HTTP.
import {
  type Harness,
  MODE_SCOPES,
  PATHS,
  QUIET,
  TVINN_CUDE,
  register,
  sampleHouse,
  startHarness,
  submit,
  validationOf,
} from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(QUIET);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  await h.control.setStyle({ absent: 'null', successStatus: 200, extraFields: true });
});

const MRN_FORMAT = /^\d{2}NO[A-Z0-9]{14}$/;
const ROAD = MODE_SCOPES.road;

describe('house consignment notification', () => {
  it('given a valid document, when posted, then validation-status is 404 until processed and then 200 SUCCESS with an MRN, nulls for absent fields and unknown extra fields', async () => {
    await h.control.setProcessing({ delayMs: 300 });
    const requestId = await submit(h, 'road', sampleHouse('RD-1'));
    expect((await h.call('GET', PATHS.validation('road', requestId), ROAD)).status).toBe(404);
    const answer = await validationOf(h, 'road', requestId);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      requestId,
      status: 'SUCCESS',
      mrn: expect.stringMatching(MRN_FORMAT),
      documentStatus: 'SUCCESS',
      incompleteDocumentationReasonList: null,
      validationErrorList: null,
      timestamp: expect.any(String),
      traceId: expect.any(String),
    });
  });

  it.each([
    [202, 'absent', undefined],
    [200, 'empty', []],
  ] as const)(
    'given the style successStatus %d and absent %s, when a SUCCESS is read, then that status and that form of the empty list',
    async (successStatus, absent, list) => {
      await h.control.setStyle({ successStatus, absent, extraFields: false });
      const answer = await validationOf(h, 'road', await submit(h, 'road', sampleHouse('RD-S')));
      expect(answer.status).toBe(successStatus);
      expect((answer.body as Record<string, unknown>).validationErrorList).toEqual(list);
      expect('timestamp' in (answer.body as object)).toBe(false);
    },
  );

  it.each(['air', 'rail', 'maritime'] as const)(
    'given mode %s, when posted under its own version, then it is registered under that mode',
    async (mode) => {
      await register(h, mode, sampleHouse(`M-${mode}`));
      expect((await h.control.houses())[0]).toMatchObject({ mode, documentNumber: `M-${mode}` });
    },
  );

  it('given missing, blank, badly dated and out-of-list fields, when posted, then 400 lists each in Customs wording and nothing is stored', async () => {
    const bad = sampleHouse('', { goodsDescription: undefined, containerIndicator: 7 });
    bad.documentIssueDate = '2024-05-01T10:00:00.123Z';
    const r = await h.call('POST', PATHS.house('road'), ROAD, bad);
    expect(r.status).toBe(400);
    const fields = (
      r.body as { validationErrors: Array<{ field: string; error: string }> }
    ).validationErrors.map((e) => `${e.field}: ${e.error}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'documentIssueDate: invalid ISO-8601 instant in UTC (yyyy-MM-ddTHH:mm:ssZ)',
        'consignmentHouseLevel.transportDocumentHouseLevel.documentNumber: must not be blank',
        'consignmentHouseLevel.goodsDescription: must not be null',
        'consignmentHouseLevel.containerIndicator: Must be one of [0, 1]',
      ]),
    );
    expect(await h.control.houses()).toEqual([]);
  });

  it('given a CUDE not in the TVINN test data, when processed, then 202 FAILURE points at the previous document and the MRN is null', async () => {
    const doc = sampleHouse('RD-2', { previousDocuments: [{ ...TVINN_CUDE, sequenceNumber: '11' }] });
    const answer = await validationOf(h, 'road', await submit(h, 'road', doc));
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({
      status: 'FAILURE',
      mrn: null,
      validationErrorList: [
        { pointer: { messageElementPath: 'consignmentHouseLevel.previousDocuments[0]' } },
      ],
    });
  });

  it('given a transit MRN containing INVALID, when processed, then FAILURE', async () => {
    const doc = sampleHouse('RD-3', {
      importProcedure: { importProcedure: 'TRANSIT_IMPORT' },
      previousDocuments: [{ typeOfReference: 'N820', referenceNumber: '24NOINVALID0000000' }],
    });
    const answer = await validationOf(h, 'road', await submit(h, 'road', doc));
    expect(answer.body).toMatchObject({
      status: 'FAILURE',
      validationErrorList: [{ description: expect.stringMatching(/INVALID/) }],
    });
  });

  it('given a registered house, when the same documentNumber+type is posted again, then FAILURE says it is already in use', async () => {
    await register(h, 'road', sampleHouse('RD-4'));
    const again = await validationOf(h, 'road', await submit(h, 'road', sampleHouse('RD-4')));
    expect(again.body).toMatchObject({
      status: 'FAILURE',
      validationErrorList: [{ description: expect.stringMatching(/already in use/) }],
    });
  });
});

const incompleteCases: Array<[string, string, Record<string, unknown>]> = [
  [
    'IMMEDIATE_RELEASE_IMPORT without CUDE',
    'INCOMPLETE_CUDE_DOCUMENTATION',
    { importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' } },
  ],
  [
    'WAREHOUSE_RELEASE without CUDE',
    'INCOMPLETE_CUDE_DOCUMENTATION',
    { importProcedure: { importProcedure: 'WAREHOUSE_RELEASE' } },
  ],
  [
    'TRANSIT_IMPORT without N820',
    'INCOMPLETE_TRA_DOCUMENTATION',
    { importProcedure: { importProcedure: 'TRANSIT_IMPORT' } },
  ],
  [
    'outgoing TRA without N820',
    'INCOMPLETE_TRA_DOCUMENTATION',
    { importProcedure: { importProcedure: 'CUSTOMS_DECLARATION', outgoingProcedure: 'TRA' } },
  ],
  [
    'outgoing EXP without exportFromEU',
    'INCOMPLETE_EXP_DOCUMENTATION',
    { importProcedure: { importProcedure: 'CUSTOMS_DECLARATION', outgoingProcedure: 'EXP' } },
  ],
  [
    'VOEC without goodsItem',
    'INCOMPLETE_VOEC_DOCUMENTATION',
    { importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_VOEC' } },
  ],
];

describe('INCOMPLETE documentation', () => {
  it.each(incompleteCases)(
    'given %s, when processed, then SUCCESS with documentStatus INCOMPLETE and %s, also on the document status by MRN',
    async (_name, reason, house) => {
      const answer = await validationOf(h, 'air', await submit(h, 'air', sampleHouse('AIR-1', house)));
      const body = answer.body as { mrn: string };
      expect(body).toMatchObject({
        status: 'SUCCESS',
        documentStatus: 'INCOMPLETE',
        incompleteDocumentationReasonList: [reason],
      });
      const doc = await h.call('GET', PATHS.documentStatus('air', body.mrn), MODE_SCOPES.air);
      expect(doc.body).toMatchObject({
        documentNumber: 'AIR-1',
        type: 'N730',
        documentStatus: 'INCOMPLETE',
        incompleteDocumentationReasonList: [reason],
      });
    },
  );

  it('given an INCOMPLETE house, when the whole corrected document is PUT, then a new requestId validates and the document status is SUCCESS', async () => {
    const mrn = await register(
      h,
      'air',
      sampleHouse('AIR-2', { importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' } }),
    );
    const fixed = sampleHouse('AIR-2', {
      importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' },
      previousDocuments: [TVINN_CUDE],
    });
    const put = await h.call('PUT', PATHS.houseByMrn('air', mrn), MODE_SCOPES.air, fixed);
    expect(put.status).toBe(202);
    const answer = await validationOf(h, 'air', (put.body as { requestId: string }).requestId);
    expect(answer.body).toMatchObject({ status: 'SUCCESS', mrn, documentStatus: 'SUCCESS' });
    const doc = await h.call('GET', PATHS.documentStatus('air', mrn), MODE_SCOPES.air);
    expect(doc.body).toMatchObject({ documentStatus: 'SUCCESS', incompleteDocumentationReasonList: null });
  });

  it('given a registered house, when a PUT changes documentNumber, then FAILURE and the house keeps its key', async () => {
    const mrn = await register(h, 'air', sampleHouse('AIR-3'));
    const put = await h.call('PUT', PATHS.houseByMrn('air', mrn), MODE_SCOPES.air, sampleHouse('AIR-OTHER'));
    const answer = await validationOf(h, 'air', (put.body as { requestId: string }).requestId);
    expect(answer.body).toMatchObject({ status: 'FAILURE' });
    expect(await h.control.houses()).toEqual([expect.objectContaining({ documentNumber: 'AIR-3', mrn })]);
  });
});

describe('cancel and readiness', () => {
  it('given a registered house, when deleted with its documentIssueDate, then SUCCESS, the query by key no longer finds it and it may be posted anew', async () => {
    const mrn = await register(h, 'rail', sampleHouse('RL-1'));
    const del = await h.call('DELETE', PATHS.houseByMrn('rail', mrn), MODE_SCOPES.rail, {
      documentIssueDate: '2024-05-02T10:00:00Z',
    });
    const answer = await validationOf(h, 'rail', (del.body as { requestId: string }).requestId);
    expect(answer.body).toMatchObject({ status: 'SUCCESS', mrn });
    const query = await h.call(
      'GET',
      PATHS.byKey('rail', { documentNumber: 'RL-1', type: 'N730' }),
      MODE_SCOPES.rail,
    );
    expect(query.status).toBe(404);
    await register(h, 'rail', sampleHouse('RL-1'));
  });

  it('given a DELETE without a valid documentIssueDate, when sent, then 400', async () => {
    const r = await h.call('DELETE', PATHS.houseByMrn('rail', '24NOAAAAAAAAAAAAAA'), MODE_SCOPES.rail, {
      documentIssueDate: '2024-05-02',
    });
    expect(r.status).toBe(400);
  });

  it('given "next 3 polls answer 404" for a house, when polled, then exactly 3 404s precede the result', async () => {
    await h.control.setProcessing({ house: { documentNumber: 'RD-9', type: 'N730' }, notReadyPolls: 3 });
    const requestId = await submit(h, 'road', sampleHouse('RD-9'));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await h.call('GET', PATHS.validation('road', requestId), ROAD)).status);
    expect(statuses).toEqual([404, 404, 404, 200]);
    const calls = await h.control.calls({ house: { documentNumber: 'RD-9', type: 'N730' } });
    expect(calls.byEndpoint).toEqual({ 'house-create': 1, 'house-validation-status': 4 });
  });

  it('given a valid token, when test-auth is called for each mode, then it succeeds', async () => {
    for (const mode of ['road', 'air', 'rail', 'maritime'] as const) {
      expect((await h.call('GET', PATHS.testAuth(mode), MODE_SCOPES[mode])).status).toBe(200);
    }
    expect((await h.control.calls({ endpoint: 'test-auth' })).total).toBe(4);
  });

  it('given an unknown requestId, when polled, then 404', async () => {
    const r = await h.call('GET', PATHS.validation('road', 'f1d4b8a4-0000-4000-8000-000000000000'), ROAD);
    expect(r.status).toBe(404);
  });
});
