// One reading of what Customs says: a document with incomplete-documentation reasons is INCOMPLETE
// whether it came in a validation answer or from the document-status endpoint, and only a
// requestId error that says "already used" counts as a repeated presentation.
import { createDigitollActivities } from '../../activities';
import {
  isRequestIdReused,
  readDocumentStatus,
  toPresentationOutcome,
  toValidationOutcome,
} from '../../activities/outcomes';
import type { DigitollApi } from '../../src/digitoll/api';
import {
  presentationValidationStatusSchema,
  transportDocumentStatusSchema,
  validationStatusSchema,
} from '../../src/domain';

const mrn = '22NO4TU2HUD59UCBT8';
const reasons = ['INCOMPLETE_CUDE_DOCUMENTATION'];

/** What the client returns for a wire answer: the tolerant reader's output. */
const answer = (wire: object) => validationStatusSchema.parse(wire);

async function fromDocumentStatusEndpoint(documentStatus: string | null, list?: string[] | null) {
  const api: Partial<DigitollApi> = {
    getTransportDocumentStatus: () =>
      Promise.resolve(
        transportDocumentStatusSchema.parse({
          documentNumber: 'D1',
          type: 'N730',
          documentStatus,
          incompleteDocumentationReasonList: list,
        }),
      ),
  };
  const activities = createDigitollActivities({ digitoll: api as DigitollApi });
  return (await activities.checkDocumentStatus({ mode: 'road', mrn })).documentStatus;
}

test('given documentStatus SUCCESS with reasons, then both the validation answer and the document status read INCOMPLETE', async () => {
  const outcome = toValidationOutcome(
    answer({ status: 'SUCCESS', mrn, documentStatus: 'SUCCESS', incompleteDocumentationReasonList: reasons }),
  );
  expect(outcome).toMatchObject({ status: 'SUCCESS', documentStatus: 'INCOMPLETE' });
  expect(await fromDocumentStatusEndpoint('SUCCESS', reasons)).toBe('INCOMPLETE');
});

test('given the same answers without reasons, then both read what documentStatus says', async () => {
  for (const status of ['SUCCESS', 'INCOMPLETE'] as const) {
    expect(toValidationOutcome(answer({ status: 'SUCCESS', mrn, documentStatus: status }))).toMatchObject({
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

test('given a SUCCESS whose optional fields are null, then it reads as SUCCESS with no reasons and no documentStatus', () => {
  const outcome = toValidationOutcome(
    answer({ status: 'SUCCESS', mrn, documentStatus: null, incompleteDocumentationReasonList: null }),
  );
  expect(outcome).toEqual({ status: 'SUCCESS', mrn, incompleteReasons: [], documentStatus: undefined });
});

test('given an unknown reason code, then it is kept with its code, a generic meaning and known: false', () => {
  const outcome = toValidationOutcome(
    answer({ status: 'SUCCESS', mrn, incompleteDocumentationReasonList: ['INCOMPLETE_NEW', reasons[0]] }),
  );
  expect(outcome).toMatchObject({
    documentStatus: 'INCOMPLETE',
    incompleteReasons: [
      { code: 'INCOMPLETE_NEW', known: false, meaning: expect.stringContaining('INCOMPLETE_NEW') },
      { code: reasons[0], known: true },
    ],
  });
});

test('given an unknown documentStatus, then the outcome reads INCOMPLETE and shows the value as a reason', async () => {
  const outcome = toValidationOutcome(answer({ status: 'SUCCESS', mrn, documentStatus: 'PARTIAL' }));
  expect(outcome).toMatchObject({
    documentStatus: 'INCOMPLETE',
    incompleteReasons: [{ code: 'PARTIAL', known: false }],
  });
  expect(await fromDocumentStatusEndpoint('PARTIAL', null)).toBe('INCOMPLETE');
});

test('given an unknown status, then the outcome is a FAILURE that names it, never a throw', () => {
  const outcome = toValidationOutcome(answer({ status: 'QUEUED', validationErrorList: null }));
  expect(outcome).toMatchObject({
    status: 'FAILURE',
    unknownStatus: 'QUEUED',
    alreadyInUse: false,
    validationErrors: [{ path: 'status', message: expect.stringContaining('QUEUED') }],
  });
});

test.each(['Document number 123 is already in use', 'One or more transport documents are already submitted'])(
  'given a FAILURE saying "%s", then alreadyInUse',
  (description) => {
    const outcome = toValidationOutcome(
      answer({ status: 'FAILURE', validationErrorList: [{ description, pointer: null }] }),
    );
    expect(outcome).toMatchObject({ status: 'FAILURE', alreadyInUse: true, notFound: false });
  },
);

test('given a FAILURE whose description is null, then it is shown with a placeholder', () => {
  const outcome = toValidationOutcome(
    answer({ status: 'FAILURE', validationErrorList: [{ description: null }] }),
  );
  expect(outcome).toMatchObject({ validationErrors: [{ path: '', message: 'Customs gave no description' }] });
});

test('given presentation answers, then a known status passes through and an unknown one reads FAILURE with its name', () => {
  const read = (wire: object) => toPresentationOutcome(presentationValidationStatusSchema.parse(wire));
  expect(read({ status: 'SUCCESS', validationErrorList: null })).toEqual({ status: 'SUCCESS', messages: [] });
  expect(read({ status: 'PENDING' })).toMatchObject({ status: 'FAILURE', unknownStatus: 'PENDING' });
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

test('a requestId error with a null text does not count', () => {
  expect(isRequestIdReused([{ field: 'requestId', error: undefined }])).toBe(false);
});

test('an "already used" error on another field does not count', () => {
  expect(isRequestIdReused([{ field: 'customsOfficeOfPresentation', error: 'already used' }])).toBe(false);
});
