// The Customs activities decide what an answer means in one place: a 404 on DELETE is "already
// gone", a 404 on the inferred document-status path is "not yet", a presentation whose requestId
// was already used is accepted, and a validation answer's document status is passed on.
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { createDigitollActivities, FAILURE_TYPES } from '../../activities';
import { isMrnNotFound, isRequestIdReused, toValidationOutcome } from '../../activities/outcomes';
import type { DigitollApi } from '../../src/digitoll/api';
import { UnexpectedResponse, ValidationRejected } from '../../src/digitoll';

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
  expect(isMrnNotFound(notFoundFailure)).toBe(true);
  expect(toValidationOutcome(notFoundFailure)).toMatchObject({
    status: 'FAILURE',
    notFound: true,
    alreadyInUse: false,
  });
  expect(
    isMrnNotFound({ status: 'FAILURE', validationErrorList: [{ description: 'cannot be cancelled' }] }),
  ).toBe(false);
});

test('given a validation SUCCESS with documentStatus, then the outcome carries it; reasons alone mean INCOMPLETE; neither means unknown', () => {
  const mrn = '22NO4TU2HUD59UCBT8';
  expect(toValidationOutcome({ status: 'SUCCESS', mrn, documentStatus: 'SUCCESS' })).toMatchObject({
    documentStatus: 'SUCCESS',
  });
  expect(
    toValidationOutcome({
      status: 'SUCCESS',
      mrn,
      incompleteDocumentationReasonList: ['INCOMPLETE_CUDE_DOCUMENTATION'],
    }),
  ).toMatchObject({
    documentStatus: 'INCOMPLETE',
    incompleteReasons: [{ code: 'INCOMPLETE_CUDE_DOCUMENTATION' }],
  });
  expect(toValidationOutcome({ status: 'SUCCESS', mrn })).toMatchObject({ documentStatus: undefined });
});
