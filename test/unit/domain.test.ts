import {
  INCOMPLETE_REASONS,
  describeIncompleteReason,
  formatIssues,
  houseConsignmentSchema,
  houseKey,
  routingControlLocationOf,
  routingItemSchema,
  validationStatusSchema,
  transportDocumentStatusSchema,
  isAlreadyInUse,
  isAlreadyInUseFailure,
  isAlreadyInUseRejection,
  pickPresentationStatus,
  classifyRoutingItem,
  readDocumentStatus,
} from '../../src/domain';
import { sampleHouseConsignment } from '../fixtures/documents';

function issuesOf(doc: unknown) {
  const result = houseConsignmentSchema.safeParse(doc);
  return result.success ? [] : formatIssues(result.error);
}

describe('house consignment schema', () => {
  it('given the sample document, when parsed, then it is valid and keeps unknown fields', () => {
    const doc = { ...sampleHouseConsignment(), extraField: 'kept' };
    const result = houseConsignmentSchema.safeParse(doc);
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ extraField: 'kept' });
    expect(houseKey(result.data!)).toEqual({ documentNumber: 'RCN-2025-000001', type: 'N730' });
  });

  it('given a missing field, then the message is "must not be null" at the full path', () => {
    const doc = sampleHouseConsignment() as unknown as { consignmentHouseLevel: Record<string, unknown> };
    delete doc.consignmentHouseLevel.goodsDescription;
    expect(issuesOf(doc)).toEqual([
      { path: 'consignmentHouseLevel.goodsDescription', message: 'must not be null' },
    ]);
  });

  it.each(['2025-01-15T08:30:00.000Z', '2025-01-15T08:30:00+01:00', '2025-02-30T08:30:00Z', '2025-01-15'])(
    'given documentIssueDate %s, then it is an invalid instant',
    (date) => {
      expect(issuesOf(sampleHouseConsignment({ documentIssueDate: date }))).toEqual([
        { path: 'documentIssueDate', message: 'invalid ISO-8601 instant in UTC (yyyy-MM-ddTHH:mm:ssZ)' },
      ]);
    },
  );

  it('given an unknown CL754 type or country, then the documented wording and path are used', () => {
    const doc = sampleHouseConsignment({
      consignmentHouseLevel: {
        transportDocumentHouseLevel: { type: 'X999' as never },
        consignor: { address: { country: 'XX' } },
      },
    });
    const issues = issuesOf(doc);
    expect(issues).toContainEqual({
      path: 'consignmentHouseLevel.transportDocumentHouseLevel.type',
      message: expect.stringMatching(/^Must be one of \[C624, C625, .*N760\]$/),
    });
    expect(issues).toContainEqual({
      path: 'consignmentHouseLevel.consignor.address.country',
      message: 'must be an ISO 3166-1 alpha-2 country code',
    });
  });

  it('given a CUDE without its declaration date and a second CUDE, then both rules are reported', () => {
    const doc = sampleHouseConsignment({
      consignmentHouseLevel: {
        previousDocuments: [
          { typeOfReference: 'CUDE', declarantNumber: '123456789', sequenceNumber: '1' },
          {
            typeOfReference: 'CUDE',
            declarantNumber: '123456789',
            declarationDate: '2022-08-10',
            sequenceNumber: '2',
          },
        ],
      },
    });
    expect(issuesOf(doc)).toEqual([
      { path: 'consignmentHouseLevel.previousDocuments[0].declarationDate', message: 'must not be null' },
      {
        path: 'consignmentHouseLevel.previousDocuments',
        message: 'at most one previous document of type CUDE is allowed',
      },
    ]);
  });

  it('given exportFromEU with outgoingProcedure TRA, then it is rejected', () => {
    const doc = sampleHouseConsignment({
      consignmentHouseLevel: {
        importProcedure: { importProcedure: 'TRANSIT_IMPORT', outgoingProcedure: 'TRA' },
        previousDocuments: [{ typeOfReference: 'N820', referenceNumber: '22SE00000000000001' }],
        exportFromEU: [{ typeOfExport: 'AES_EXPORT', exportId: '22SEE1234567890123' }],
      },
    });
    expect(issuesOf(doc)).toEqual([
      {
        path: 'consignmentHouseLevel.exportFromEU',
        message: 'exportFromEU is not allowed when outgoingProcedure is TRA',
      },
    ]);
  });

  it('given an address with neither streetLine nor poBox, or a place without any location, then both are reported', () => {
    const doc = sampleHouseConsignment() as unknown as {
      consignmentHouseLevel: { consignee: { address: Record<string, unknown> }; placeOfDelivery: unknown };
    };
    delete doc.consignmentHouseLevel.consignee.address.streetLine;
    doc.consignmentHouseLevel.placeOfDelivery = {};
    expect(issuesOf(doc).map((i) => i.message)).toEqual([
      'At least one of the following fields should be non null: [streetLine, poBox]',
      'At least one of the following fields should be non null: [unloCode, address, location]',
    ]);
  });
});

describe('code lists and Customs answers', () => {
  it('describes all nine INCOMPLETE reasons and never throws on unknown ones', () => {
    expect(Object.keys(INCOMPLETE_REASONS)).toHaveLength(9);
    expect(describeIncompleteReason('INCOMPLETE_CUDE_DOCUMENTATION')).toMatch(/CUDE/);
    expect(describeIncompleteReason('SOMETHING_NEW')).toMatch(/SOMETHING_NEW/);
  });

  it('accepts routingControlLocation at either level and keeps unknown fields', () => {
    const base = { transportDocumentHouseLevel: { referenceNumber: 'HC002', type: 'N740' }, futureField: 1 };
    const top = routingItemSchema.parse({
      ...base,
      routingResult: { id: 7, routing: 'TO_CONTROL' },
      routingControlLocation: 'ON_ENTRY',
    });
    const inner = routingItemSchema.parse({
      ...base,
      routingResult: { id: '8', routing: 'TO_CONTROL', routingControlLocation: 'AFTER_ENTRY' },
    });
    expect(routingControlLocationOf(top)).toBe('ON_ENTRY');
    expect(routingControlLocationOf(inner)).toBe('AFTER_ENTRY');
    expect(top.routingResult.id).toBe('7');
    expect(top).toMatchObject({ futureField: 1 });
  });

  it('parses a FAILURE validation status with its pointer', () => {
    const status = validationStatusSchema.parse({
      status: 'FAILURE',
      validationErrorList: [{ description: 'bad', pointer: { messageElementPath: 'a.b' } }],
      unknown: true,
    });
    expect(status.validationErrorList[0]?.pointer?.messageElementPath).toBe('a.b');
    expect(status).toMatchObject({ status: { value: 'FAILURE', known: true }, unknown: true });
  });

  it.each([null, '', undefined])(
    'given optional fields all %p, when a SUCCESS is read, then they are undefined or empty lists',
    (blank) => {
      const status = validationStatusSchema.parse({
        status: 'SUCCESS',
        mrn: blank,
        documentStatus: blank,
        incompleteDocumentationReasonList: blank === '' ? null : blank,
        validationErrorList: blank === '' ? null : blank,
      });
      expect(status.mrn).toBeUndefined();
      expect(status.documentStatus).toBeUndefined();
      expect(status.incompleteDocumentationReasonList).toEqual([]);
      expect(status.validationErrorList).toEqual([]);
    },
  );

  it('given an unknown status, documentStatus and reason code, when read, then they are kept and flagged, never thrown', () => {
    const status = validationStatusSchema.parse({
      status: 'ON_HOLD',
      documentStatus: 'PARTIAL',
      incompleteDocumentationReasonList: ['INCOMPLETE_SOMETHING_NEW'],
      validationErrorList: [{ description: null, pointer: null }],
    });
    expect(status.status).toEqual({ value: 'ON_HOLD', known: false });
    expect(status.documentStatus).toEqual({ value: 'PARTIAL', known: false });
    expect(status.incompleteDocumentationReasonList).toEqual(['INCOMPLETE_SOMETHING_NEW']);
    expect(validationStatusSchema.safeParse({ mrn: 'X' }).success).toBe(false);
  });

  it('given a document status without documentStatus, when read, then readDocumentStatus says nothing; an unknown one reads INCOMPLETE', () => {
    const none = transportDocumentStatusSchema.parse({
      documentNumber: 'D',
      type: 'N730',
      documentStatus: null,
    });
    expect(readDocumentStatus(none.documentStatus, none.incompleteDocumentationReasonList)).toBeUndefined();
    const odd = transportDocumentStatusSchema.parse({ documentStatus: 'MAYBE' });
    expect(readDocumentStatus(odd.documentStatus, [])).toBe('INCOMPLETE');
  });
});

describe('already in use', () => {
  it.each(['Document number HC1 is already in use', 'ONE OR MORE TRANSPORT DOCUMENTS ARE ALREADY SUBMITTED'])(
    'given "%s", then both the FAILURE and the 400 shapes recognise it',
    (text) => {
      expect(isAlreadyInUseFailure([{ description: text }])).toBe(true);
      expect(isAlreadyInUseRejection([{ error: text }])).toBe(true);
      expect(isAlreadyInUse({ validationErrorList: [{ description: text }] })).toBe(true);
      expect(isAlreadyInUse({ validationErrors: [{ error: text }] })).toBe(true);
    },
  );

  it('given other or missing texts, then neither shape recognises them', () => {
    expect(isAlreadyInUseFailure([{ description: 'Must be a valid customs office' }, {}])).toBe(false);
    expect(isAlreadyInUseRejection([{ error: null }, { error: 'must not be null' }])).toBe(false);
    expect(isAlreadyInUse({ validationErrorList: null })).toBe(false);
  });
});

describe('presentation validation status', () => {
  it('given one object without requestId, then it is ours; with another requestId, then it is absent', () => {
    expect(pickPresentationStatus({ status: 'SUCCESS' }, 'r1')).toMatchObject({ kind: 'found' });
    expect(pickPresentationStatus({ requestId: 'r0', status: 'SUCCESS' }, 'r1')).toEqual({ kind: 'absent' });
  });

  it('given a list, then the element with our requestId is taken; an empty list is absent', () => {
    const pick = pickPresentationStatus(
      [
        { requestId: 'r0', status: 'SUCCESS' },
        { requestId: 'r1', status: 'FAILURE', validationErrorList: [{ description: 'x' }] },
      ],
      'r1',
    );
    expect(pick).toMatchObject({ kind: 'found', status: { status: { value: 'FAILURE' } } });
    expect(pickPresentationStatus([], 'r1')).toEqual({ kind: 'absent' });
  });

  it('given a lone element without status, then it is unreadable with its issues', () => {
    expect(pickPresentationStatus({ requestId: 'r1' }, 'r1')).toMatchObject({
      kind: 'unreadable',
      issues: [expect.objectContaining({ path: 'status' })],
    });
  });
});

describe('routing items', () => {
  it('given an item read once, when read again (as the consignment reads the signal), then it is the same', () => {
    const raw = {
      transportDocumentHouseLevel: { referenceNumber: 'HC1', type: 'N730' },
      estimatedTimeOfArrival: null,
      receptacleId: '',
      routingResult: { id: 42, routing: 'TO_CONTROL', routingControlLocation: 'SOMEWHERE_NEW' },
      extra: { kept: true },
    };
    const once = routingItemSchema.parse(raw);
    expect(routingItemSchema.parse(JSON.parse(JSON.stringify(once)))).toEqual(once);
    expect(routingControlLocationOf(once)).toBe('SOMEWHERE_NEW');
    expect(once).toMatchObject({ extra: { kept: true } });
  });

  it('classifyRoutingItem: a house item, a transport-level signal, a new routing value and junk', () => {
    const house = { referenceNumber: 'HC1', type: 'N730' };
    expect(
      classifyRoutingItem(
        { transportDocumentHouseLevel: house, routingResult: { id: '1', routing: 'TO_ENTRY' } },
        0,
      ).kind,
    ).toBe('item');
    const classOf = (raw: unknown) => {
      const r = classifyRoutingItem(raw, 3);
      return r.kind === 'skipped' ? r.skipped.class : 'item';
    };
    expect(
      classOf({ transportDocumentHouseLevel: null, routingResult: { id: '2', routing: 'TO_ENTRY' } }),
    ).toBe('transport-level');
    expect(
      classOf({ transportDocumentHouseLevel: house, routingResult: { id: '3', routing: 'RETURN' } }),
    ).toBe('unknown-routing');
    expect(classOf({ transportDocumentHouseLevel: house, routingResult: { routing: 'TO_ENTRY' } })).toBe(
      'unreadable',
    );
    expect(classOf('text')).toBe('unreadable');
  });
});
