// The Customs activities decide what an answer means in one place: a 404 on DELETE is "already
// gone", a 404 on the inferred document-status path is "not yet", a presentation whose requestId
// was already used is accepted, and a validation answer's document status is passed on.
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { createDigitollActivities, FAILURE_TYPES } from '../../activities';
import { isMrnNotFound, isRequestIdReused, toValidationOutcome } from '../../activities/outcomes';
import type { DigitollApi } from '../../src/digitoll/api';
import { UnexpectedResponse, ValidationRejected } from '../../src/digitoll';
import { validationStatusSchema } from '../../src/domain';

/** Customs' raw answer as the client reads it. */
const read = (answer: unknown) => validationStatusSchema.parse(answer);

const notFound = (what: string) =>
  new UnexpectedResponse(what, 404, [{ path: '', message: 'unexpected HTTP status 404' }]);

function activities(api: Partial<DigitollApi>) {
  return createDigitollActivities({ digitoll: api as DigitollApi });
}

test('given a DELETE answered 404, then the house counts as already deleted', async () => {
  const a = activities({ deleteHouseConsignment: () => Promise.reject(notFound('DELETE')) });
  await expect(
    a.deleteConsignment({
      mode: 'road',
      mrn: '22NO4TU2HUD59UCBT8',
      documentIssueDate: '2024-01-01T00:00:00Z',
    }),
  ).resolves.toEqual({ alreadyDeleted: true });
});

test('given a DELETE answered 500, then it stays a retryable UNAVAILABLE failure', async () => {
  const { Unavailable } = await import('../../src/digitoll');
  const a = activities({
    deleteHouseConsignment: () => Promise.reject(new Unavailable('DELETE', 500, 'HTTP_500')),
  });
  await expect(
    a.deleteConsignment({
      mode: 'road',
      mrn: '22NO4TU2HUD59UCBT8',
      documentIssueDate: '2024-01-01T00:00:00Z',
    }),
  ).rejects.toMatchObject({ type: FAILURE_TYPES.unavailable, nonRetryable: false });
});

test('given the document status answered 404, then it is a retryable benign NOT_READY failure', async () => {
  const a = activities({ getTransportDocumentStatus: () => Promise.reject(notFound('GET status')) });
  const error = await a
    .checkDocumentStatus({ mode: 'road', mrn: '22NO4TU2HUD59UCBT8' })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApplicationFailure);
  expect(error).toMatchObject({ type: FAILURE_TYPES.notReady, nonRetryable: false });
  expect((error as ApplicationFailure).category).toBe(ApplicationFailureCategory.BENIGN);
});

test('given a presentation 400 that only says the requestId was used, then it is accepted; any other 400 is not', async () => {
  const reused = new ValidationRejected('POST presentation', [
    { field: 'requestId', error: 'requestId 5d6c0c9e has already been used' },
  ]);
  const input = {
    requestId: '5d6c0c9e',
    customsOfficeOfPresentation: 'NO351001',
    documentNumber: 'D1',
    type: 'N730',
  };
  await expect(activities({ present: () => Promise.reject(reused) }).presentHouse(input)).resolves.toEqual({
    requestId: '5d6c0c9e',
    alreadyAccepted: true,
  });
  const office = new ValidationRejected('POST presentation', [
    { field: 'customsOfficeOfPresentation', error: 'must be a customs office' },
  ]);
  await expect(
    activities({ present: () => Promise.reject(office) }).presentHouse(input),
  ).rejects.toMatchObject({
    type: FAILURE_TYPES.validationRejected,
  });
});

test('isRequestIdReused needs every error to be about the requestId having been used', () => {
  expect(isRequestIdReused([])).toBe(false);
  expect(isRequestIdReused([{ field: 'requestId', error: 'must be a UUID' }])).toBe(false);
  expect(
    isRequestIdReused([
      { field: 'requestId', error: 'already used' },
      { field: 'customsOfficeOfPresentation', error: 'must not be null' },
    ]),
  ).toBe(false);
});

test('given a FAILURE that only says the MRN is not found, then notFound is true; other FAILUREs are not', () => {
  const notFoundFailure = {
    status: 'FAILURE' as const,
    validationErrorList: [
      { description: 'MRN 22NO4TU2HUD59UCBT8 not found', pointer: { messageElementPath: 'mrn' } },
    ],
  };
  expect(isMrnNotFound(read(notFoundFailure))).toBe(true);
  expect(toValidationOutcome(read(notFoundFailure))).toMatchObject({
    status: 'FAILURE',
    notFound: true,
    alreadyInUse: false,
  });
  expect(
    isMrnNotFound(read({ status: 'FAILURE', validationErrorList: [{ description: 'cannot be cancelled' }] })),
  ).toBe(false);
});

test('given a validation SUCCESS with documentStatus, then the outcome carries it; reasons alone mean INCOMPLETE; neither means unknown', () => {
  const mrn = '22NO4TU2HUD59UCBT8';
  expect(toValidationOutcome(read({ status: 'SUCCESS', mrn, documentStatus: 'SUCCESS' }))).toMatchObject({
    documentStatus: 'SUCCESS',
  });
  expect(
    toValidationOutcome(
      read({
        status: 'SUCCESS',
        mrn,
        incompleteDocumentationReasonList: ['INCOMPLETE_CUDE_DOCUMENTATION'],
      }),
    ),
  ).toMatchObject({
    documentStatus: 'INCOMPLETE',
    incompleteReasons: [{ code: 'INCOMPLETE_CUDE_DOCUMENTATION' }],
  });
  expect(toValidationOutcome(read({ status: 'SUCCESS', mrn }))).toMatchObject({ documentStatus: undefined });
});

const doc = {
  documentIssueDate: '2026-11-30T10:00:00Z',
  consignmentHouseLevel: {
    transportDocumentHouseLevel: { documentNumber: 'LOST-1', type: 'N730' },
    consignmentMasterLevel: { carrierIdentificationNumber: 'NO984661185' },
  },
};

test('given a POST that may have been stored, when Customs holds the house, then nothing is POSTed again and the document status is passed on', async () => {
  const asked: unknown[] = [];
  const a = activities({
    getHouseDocumentStatusByKey: (_mode, key) => {
      asked.push(key);
      return Promise.resolve({ kind: 'found', documentStatus: 'SUCCESS', incompleteReasons: [] });
    },
    submitHouseConsignment: () => Promise.reject(new Error('must not POST')),
  });
  const result = await a.submitConsignment({ mode: 'road', document: doc, mayExist: true });
  expect(result).toEqual({ held: { how: 'status-query', documentStatus: 'SUCCESS', incompleteReasons: [] } });
  expect(asked).toEqual([{ documentNumber: 'LOST-1', type: 'N730', carrierId: 'NO984661185' }]);
});

test('given a POST that may have been stored, when the query by key is unavailable, then it POSTs', async () => {
  const a = activities({
    getHouseDocumentStatusByKey: () => Promise.resolve({ kind: 'unavailable', status: 404 }),
    submitHouseConsignment: () => Promise.resolve({ requestId: 'r-1' }),
  });
  expect(await a.submitConsignment({ mode: 'road', document: doc, mayExist: true })).toEqual({
    requestId: 'r-1',
  });
});

test.each([
  'Document number LOST-1 is already in use',
  'One or more transport documents are already submitted',
])('given a first POST answered 400 "%s", then Customs holds the house (MRN unknown)', async (error) => {
  const a = activities({
    submitHouseConsignment: () =>
      Promise.reject(new ValidationRejected('POST', [{ field: 'documentNumber', error }])),
  });
  expect(await a.submitConsignment({ mode: 'road', document: doc })).toEqual({
    held: { how: 'already-in-use', incompleteReasons: [] },
  });
});

test('given the query by key, then found, absent and unavailable are told apart', async () => {
  const answers = [
    { kind: 'found' as const, incompleteReasons: ['INCOMPLETE_CUDE_DOCUMENTATION'] },
    { kind: 'absent' as const },
    { kind: 'unavailable' as const, status: 400 },
  ];
  const a = activities({ getHouseDocumentStatusByKey: () => Promise.resolve(answers.shift()!) });
  const input = { mode: 'road' as const, documentNumber: 'LOST-1', type: 'N730' };
  expect(await a.lookUpHouse(input)).toMatchObject({
    kind: 'found',
    held: { documentStatus: 'INCOMPLETE', incompleteReasons: [{ code: 'INCOMPLETE_CUDE_DOCUMENTATION' }] },
  });
  expect(await a.lookUpHouse(input)).toEqual({ kind: 'absent' });
  expect(await a.lookUpHouse(input)).toEqual({ kind: 'unavailable' });
});
