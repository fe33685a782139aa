// One reading of what Customs says: a document with incomplete-documentation reasons is INCOMPLETE
// whether it came in a validation answer or from the document-status endpoint, and only a
// requestId error that says "already used" counts as a repeated presentation.
import { createDigitollActivities } from '../../activities';
import { isRequestIdReused, readDocumentStatus, toValidationOutcome } from '../../activities/outcomes';
import type { DigitollApi } from '../../src/digitoll/api';

const mrn = '22NO4TU2HUD59UCBT8';
const reasons = ['INCOMPLETE_CUDE_DOCUMENTATION'];

async function fromDocumentStatusEndpoint(documentStatus: 'SUCCESS' | 'INCOMPLETE', list?: string[]) {
  const api: Partial<DigitollApi> = {
    getTransportDocumentStatus: () =>
      Promise.resolve({
        documentNumber: 'D1',
        type: 'N730',
        documentStatus,
        incompleteDocumentationReasonList: list,
      }),
  };
  const activities = createDigitollActivities({ digitoll: api as DigitollApi });
  return (await activities.checkDocumentStatus({ mode: 'road', mrn })).documentStatus;
}

test('given documentStatus SUCCESS with reasons, then both the validation answer and the document status read INCOMPLETE', async () => {
  const outcome = toValidationOutcome({
    status: 'SUCCESS',
    mrn,
    documentStatus: 'SUCCESS',
    incompleteDocumentationReasonList: reasons,
  });
  expect(outcome).toMatchObject({ status: 'SUCCESS', documentStatus: 'INCOMPLETE' });
  expect(await fromDocumentStatusEndpoint('SUCCESS', reasons)).toBe('INCOMPLETE');
});

test('given the same answers without reasons, then both read what documentStatus says', async () => {
  for (const status of ['SUCCESS', 'INCOMPLETE'] as const) {
    expect(toValidationOutcome({ status: 'SUCCESS', mrn, documentStatus: status })).toMatchObject({
      documentStatus: status,
    });
    expect(await fromDocumentStatusEndpoint(status, [])).toBe(status);
  }
});

test('readDocumentStatus: reasons win, then documentStatus, and neither is unknown', () => {
  expect(readDocumentStatus('SUCCESS', reasons)).toBe('INCOMPLETE');
  expect(readDocumentStatus(undefined, reasons)).toBe('INCOMPLETE');
  expect(readDocumentStatus('INCOMPLETE', [])).toBe('INCOMPLETE');
  expect(readDocumentStatus('SUCCESS', [])).toBe('SUCCESS');
  expect(readDocumentStatus(undefined, [])).toBeUndefined();
});

test.each([
  'requestId 4f7c has already been used',
  'already used',
  'already in use',
  'duplicate requestId',
  'requestId already exists',
])('a requestId error saying "%s" counts as a repeated presentation', (error) => {
  expect(isRequestIdReused([{ field: 'requestId', error }])).toBe(true);
});

test.each(['format used is invalid', 'must be a UUID', 'the requestId used is malformed', 'unused'])(
  'a requestId error saying "%s" does not',
  (error) => {
    expect(isRequestIdReused([{ field: 'requestId', error }])).toBe(false);
  },
);

test('an "already used" error on another field does not count', () => {
  expect(isRequestIdReused([{ field: 'customsOfficeOfPresentation', error: 'already used' }])).toBe(false);
});
