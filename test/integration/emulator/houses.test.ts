// Contract of the house consignment endpoints, driven through the project's Digitoll client.
import { NotReady, ValidationRejected } from '../../../src/digitoll';
import { type Harness, TVINN_CUDE, sampleHouse, startHarness, validationOf } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.control.reset());

const MRN_FORMAT = /^\d{2}NO[A-Z0-9]{14}$/;

describe('house consignment notification', () => {
  it('given a valid document, when posted, then validation-status is 404 until processed and then SUCCESS with an 18-character MRN', async () => {
    await h.control.setProcessing({ delayMs: 300 });
    const { requestId } = await h.digitoll.submitHouseConsignment('road', sampleHouse('RD-1'));
    await expect(h.digitoll.getValidationStatus('road', requestId)).rejects.toBeInstanceOf(NotReady);
    const status = await validationOf(h.digitoll, 'road', requestId);
    expect(status.status).toBe('SUCCESS');
    expect(status.mrn).toMatch(MRN_FORMAT);
    expect(status.documentStatus).toBe('SUCCESS');
  });

  it.each(['air', 'rail', 'maritime'] as const)(
    'given mode %s, when posted, then it is registered under that mode',
    async (mode) => {
      const { requestId } = await h.digitoll.submitHouseConsignment(mode, sampleHouse(`M-${mode}`));
      expect((await validationOf(h.digitoll, mode, requestId)).status).toBe('SUCCESS');
      expect((await h.control.houses())[0]).toMatchObject({ mode, documentNumber: `M-${mode}` });
    },
  );

  it('given missing, blank, badly dated and out-of-list fields, when posted, then 400 lists each in Customs wording and nothing is stored', async () => {
    const bad = sampleHouse('', { goodsDescription: undefined, containerIndicator: 7 });
    (bad as { documentIssueDate: string }).documentIssueDate = '2024-05-01T10:00:00.123Z';
    const error = await h.digitoll.submitHouseConsignment('road', bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationRejected);
    const fields = (error as ValidationRejected).validationErrors.map((e) => `${e.field}: ${e.error}`);
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

  it('given a CUDE not in the TVINN test data, when processed, then FAILURE points at the previous document', async () => {
    const doc = sampleHouse('RD-2', { previousDocuments: [{ ...TVINN_CUDE, sequenceNumber: '11' }] });
    const status = await validationOf(
      h.digitoll,
      'road',
      (await h.digitoll.submitHouseConsignment('road', doc)).requestId,
    );
    expect(status.status).toBe('FAILURE');
    expect(status.validationErrorList?.[0]?.pointer?.messageElementPath).toBe(
      'consignmentHouseLevel.previousDocuments[0]',
    );
  });

  it('given a transit MRN containing INVALID, when processed, then FAILURE', async () => {
    const doc = sampleHouse('RD-3', {
      importProcedure: { importProcedure: 'TRANSIT_IMPORT' },
      previousDocuments: [{ typeOfReference: 'N820', referenceNumber: '24NOINVALID0000000' }],
    });
    const status = await validationOf(
      h.digitoll,
      'road',
      (await h.digitoll.submitHouseConsignment('road', doc)).requestId,
    );
    expect(status.status).toBe('FAILURE');
    expect(status.validationErrorList?.[0]?.description).toMatch(/INVALID/);
  });

  it('given a registered house, when the same documentNumber+type is posted again, then FAILURE says it is already in use', async () => {
    await validationOf(
      h.digitoll,
      'road',
      (await h.digitoll.submitHouseConsignment('road', sampleHouse('RD-4'))).requestId,
    );
    const again = await validationOf(
      h.digitoll,
      'road',
      (await h.digitoll.submitHouseConsignment('road', sampleHouse('RD-4'))).requestId,
    );
    expect(again.status).toBe('FAILURE');
    expect(again.validationErrorList?.[0]?.description).toMatch(/already in use/);
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
    'given %s, when processed, then SUCCESS with documentStatus INCOMPLETE and %s',
    async (_name, reason, house) => {
      const status = await validationOf(
        h.digitoll,
        'air',
        (await h.digitoll.submitHouseConsignment('air', sampleHouse('AIR-1', house))).requestId,
      );
      expect(status).toMatchObject({
        status: 'SUCCESS',
        documentStatus: 'INCOMPLETE',
        incompleteDocumentationReasonList: [reason],
      });
      const doc = await h.digitoll.getTransportDocumentStatus('air', status.mrn!);
      expect(doc).toMatchObject({
        documentNumber: 'AIR-1',
        type: 'N730',
        documentStatus: 'INCOMPLETE',
        incompleteDocumentationReasonList: [reason],
      });
    },
  );

  it('given an INCOMPLETE house, when the whole corrected document is PUT, then a new requestId validates and the document status is SUCCESS', async () => {
    const incomplete = sampleHouse('AIR-2', {
      importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' },
    });
    const first = await h.digitoll.submitHouseConsignment('air', incomplete);
    const { mrn } = await validationOf(h.digitoll, 'air', first.requestId);
    const fixed = sampleHouse('AIR-2', {
      importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' },
      previousDocuments: [TVINN_CUDE],
    });
    const second = await h.digitoll.replaceHouseConsignment('air', mrn!, fixed);
    expect(second.requestId).not.toBe(first.requestId);
    expect(await validationOf(h.digitoll, 'air', second.requestId)).toMatchObject({
      status: 'SUCCESS',
      mrn,
      documentStatus: 'SUCCESS',
    });
    expect(await h.digitoll.getTransportDocumentStatus('air', mrn!)).toMatchObject({
      documentStatus: 'SUCCESS',
      incompleteDocumentationReasonList: [],
    });
  });

  it('given a registered house, when a PUT changes documentNumber, then FAILURE and the house keeps its document', async () => {
    const { mrn } = await validationOf(
      h.digitoll,
      'air',
      (await h.digitoll.submitHouseConsignment('air', sampleHouse('AIR-3'))).requestId,
    );
    const put = await h.digitoll.replaceHouseConsignment('air', mrn!, sampleHouse('AIR-OTHER'));
    expect((await validationOf(h.digitoll, 'air', put.requestId)).status).toBe('FAILURE');
    expect(await h.digitoll.findHouseConsignment('air', 'AIR-3', 'N730')).toEqual({
      mrn,
      documentNumber: 'AIR-3',
      type: 'N730',
    });
  });
});

describe('cancel, lookup and readiness', () => {
  it('given a registered house, when deleted with its documentIssueDate, then SUCCESS, the lookup no longer finds it and it may be posted anew', async () => {
    const { mrn } = await validationOf(
      h.digitoll,
      'rail',
      (await h.digitoll.submitHouseConsignment('rail', sampleHouse('RL-1'))).requestId,
    );
    expect(await h.digitoll.findHouseConsignment('rail', 'RL-1', 'N730')).toMatchObject({ mrn });
    const del = await h.digitoll.deleteHouseConsignment('rail', mrn!, '2024-05-02T10:00:00Z');
    expect(await validationOf(h.digitoll, 'rail', del.requestId)).toMatchObject({ status: 'SUCCESS', mrn });
    expect(await h.digitoll.findHouseConsignment('rail', 'RL-1', 'N730')).toBeUndefined();
    const again = await h.digitoll.submitHouseConsignment('rail', sampleHouse('RL-1'));
    expect((await validationOf(h.digitoll, 'rail', again.requestId)).status).toBe('SUCCESS');
  });

  it('given a DELETE without a valid documentIssueDate, when sent, then 400', async () => {
    await expect(
      h.digitoll.deleteHouseConsignment('rail', '24NOAAAAAAAAAAAAAA', '2024-05-02'),
    ).rejects.toBeInstanceOf(ValidationRejected);
  });

  it('given "next 3 polls answer 404" for a house, when polled, then exactly 3 NotReady precede the result', async () => {
    await h.control.setProcessing({ house: { documentNumber: 'RD-9', type: 'N730' }, notReadyPolls: 3 });
    const { requestId } = await h.digitoll.submitHouseConsignment('road', sampleHouse('RD-9'));
    for (let i = 0; i < 3; i += 1) {
      await expect(h.digitoll.getValidationStatus('road', requestId)).rejects.toBeInstanceOf(NotReady);
    }
    expect((await h.digitoll.getValidationStatus('road', requestId)).status).toBe('SUCCESS');
    const calls = await h.control.calls({ house: { documentNumber: 'RD-9', type: 'N730' } });
    expect(calls.byEndpoint).toEqual({ 'house-create': 1, 'house-validation-status': 4 });
  });

  it('given a valid token, when test-auth is called for each mode, then it succeeds', async () => {
    for (const mode of ['road', 'air', 'rail', 'maritime'] as const) await h.digitoll.testAuth(mode);
    expect((await h.control.calls({ endpoint: 'test-auth' })).total).toBe(4);
  });

  it('given an unknown requestId, when polled, then NotReady (404)', async () => {
    await expect(
      h.digitoll.getValidationStatus('road', 'f1d4b8a4-0000-4000-8000-000000000000'),
    ).rejects.toBeInstanceOf(NotReady);
  });
});
