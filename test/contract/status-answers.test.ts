// Contract: every status answer Customs may send (DOMAIN.md 1.2, 1.3, 1.5) and every 400 body is
// read without throwing, and what the readers return agrees with what was sent.
import fc from 'fast-check';
import { toValidationOutcome } from '../../activities/outcomes';
import {
  readHouseStatusByKey,
  readPresentationStatus,
  readRejection,
  readRequestAccepted,
  readTransportDocumentStatus,
  readValidationStatus,
} from '../../src/digitoll';
import { isAlreadyInUseRejection, readDocumentStatus } from '../../src/domain';
import {
  ALREADY_IN_USE,
  DOCUMENT_TYPES,
  KNOWN_REASONS,
  RUNS,
  SEED,
  extras,
  id,
  isBlank,
  knownOrNew,
  mrn,
  optional,
  optionalList,
  settings,
  text,
  wire,
} from './arbitraries';

const counts: Record<string, number> = {};
const count = (name: string) => (counts[name] = (counts[name] ?? 0) + 1);
afterAll(() => {
  for (const [name, n] of Object.entries(counts))
    console.log(`${name}: ${n} generated cases checked (seed ${SEED})`);
});

const reasons = optionalList(knownOrNew(KNOWN_REASONS));
const documentStatus = optional(knownOrNew(['SUCCESS', 'INCOMPLETE']));
const description = fc.oneof(
  { arbitrary: text, weight: 3 },
  { arbitrary: fc.constantFrom(...ALREADY_IN_USE).map((t) => t.replace('{n}', 'HC1')), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
);
const errorItem = fc.record({
  description,
  pointer: fc.oneof(fc.constantFrom(undefined, null), fc.record({ messageElementPath: optional(text) })),
});
const validationAnswer = fc
  .record({
    status: fc.oneof(
      { arbitrary: fc.constantFrom('SUCCESS', 'FAILURE'), weight: 5 },
      knownOrNew(['SUCCESS']),
    ),
    mrn: optional(mrn),
    documentStatus,
    incompleteDocumentationReasonList: reasons,
    validationErrorList: optionalList(errorItem),
    extra: extras,
  })
  .map(({ extra, ...rest }) => ({ ...extra, ...rest }));

const listOf = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : []);
const mentionsInUse = (texts: unknown[]) =>
  texts.some((t) => typeof t === 'string' && /is already in use|already submitted/i.test(t));

test(`validation status: ${RUNS} generated cases (seed ${SEED}) give an outcome that agrees with the answer`, () => {
  fc.assert(
    fc.property(validationAnswer, (sent) => {
      count('validation status');
      const read = readValidationStatus(wire(sent));
      if (!read.ok) throw new Error(`refused: ${JSON.stringify(read.issues)}`);
      const outcome = toValidationOutcome(read.value);
      const registered = sent.status === 'SUCCESS' && !isBlank(sent.mrn);
      expect(outcome.status).toBe(registered ? 'SUCCESS' : 'FAILURE');
      const codes = listOf(sent.incompleteDocumentationReasonList) as string[];
      if (outcome.status === 'SUCCESS') {
        expect(outcome.mrn).toBe(sent.mrn);
        expect(outcome.incompleteReasons.slice(0, codes.length).map((r) => [r.code, r.known])).toEqual(
          codes.map((c) => [c, (KNOWN_REASONS as readonly string[]).includes(c)]),
        );
        if (codes.length > 0) expect(outcome.documentStatus).toBe('INCOMPLETE');
      } else {
        expect(outcome.validationErrors.length).toBeGreaterThan(0);
        const descriptions = listOf(sent.validationErrorList).map(
          (e) => (e as { description: unknown }).description,
        );
        expect(outcome.alreadyInUse).toBe(mentionsInUse(descriptions));
        const known = sent.status === 'SUCCESS' || sent.status === 'FAILURE';
        expect(outcome.unknownStatus).toBe(known ? undefined : sent.status);
      }
    }),
    settings,
  );
});

const docStatus = (documentNumber: fc.Arbitrary<string>) =>
  fc
    .record({
      documentNumber,
      type: fc.constantFrom(...DOCUMENT_TYPES),
      documentStatus,
      incompleteDocumentationReasonList: reasons,
      extra: extras,
    })
    .map(({ extra, ...rest }) => ({ ...extra, ...rest }));

/** The one rule, stated from DOMAIN.md: reasons mean INCOMPLETE; an unknown status is not a success. */
function expectedStatus(sent: { documentStatus: unknown; incompleteDocumentationReasonList: unknown }) {
  if (listOf(sent.incompleteDocumentationReasonList).length > 0) return 'INCOMPLETE';
  if (isBlank(sent.documentStatus)) return undefined;
  return sent.documentStatus === 'SUCCESS' ? 'SUCCESS' : 'INCOMPLETE';
}

test(`document status by MRN: ${RUNS} generated cases (seed ${SEED}), object or one-element list, read by the one rule`, () => {
  const answer = docStatus(fc.stringMatching(/^[A-Z0-9]{1,12}$/)).chain((d) =>
    fc.constantFrom<unknown>(d, [d]),
  );
  fc.assert(
    fc.property(answer, (sent) => {
      count('document status by MRN');
      const read = readTransportDocumentStatus(wire(sent));
      if (!read.ok) throw new Error(`refused: ${JSON.stringify(read.issues)}`);
      const one = (Array.isArray(sent) ? sent[0] : sent) as Parameters<typeof expectedStatus>[0];
      const { documentStatus: ds, incompleteDocumentationReasonList: list } = read.value;
      expect(readDocumentStatus(ds, list)).toBe(expectedStatus(one));
    }),
    settings,
  );
});

test(`document status by key: ${RUNS} generated cases (seed ${SEED}), object, list or empty, found only when ours is there`, () => {
  const key = { documentNumber: 'OURS-1', type: 'N730' };
  const ours = docStatus(fc.constant(key.documentNumber)).map((d) => ({ ...d, type: key.type }));
  const others = fc.array(docStatus(fc.stringMatching(/^OTHER-[0-9]{1,3}$/)), { maxLength: 3 });
  const answer = fc
    .record({ ours: fc.option(ours, { nil: undefined }), others, asList: fc.boolean() })
    .chain((a) => {
      const list = a.ours ? [...a.others, a.ours] : a.others;
      if (a.asList || list.length !== 1)
        return fc.constantFrom<unknown>(list, list.length === 0 ? null : list);
      return fc.constant<unknown>(list[0]);
    });
  fc.assert(
    fc.property(answer, (sent) => {
      count('document status by key');
      const read = readHouseStatusByKey(wire(sent), key);
      if (!read.ok) throw new Error(`refused: ${JSON.stringify(read.issues)}`);
      const list = (Array.isArray(sent) ? sent : sent === null ? [] : [sent]) as Record<string, unknown>[];
      const mine = list.find((d) => d.documentNumber === key.documentNumber);
      if (!mine) return expect(read.value).toEqual({ kind: 'absent' });
      expect(read.value).toEqual({
        kind: 'found',
        documentStatus: expectedStatus(mine as Parameters<typeof expectedStatus>[0]),
        incompleteReasons: listOf(mine.incompleteDocumentationReasonList),
      });
    }),
    settings,
  );
});

test(`presentation status: ${RUNS} generated cases (seed ${SEED}), object or list, with or without requestId`, () => {
  const ourId = '6f1c0c1e-0000-4000-8000-000000000001';
  const entry = fc
    .record({
      requestId: fc.oneof(fc.constantFrom(undefined, null, ourId), fc.uuid()),
      status: knownOrNew(['SUCCESS', 'FAILURE']),
      validationErrorList: optionalList(errorItem),
      extra: extras,
    })
    .map(({ extra, ...rest }) => ({ ...extra, ...rest }));
  const answer = fc.oneof(
    entry.map((e): unknown => e),
    fc.array(entry, { maxLength: 4 }).map((l): unknown => l),
  );
  fc.assert(
    fc.property(answer, (sent) => {
      count('presentation status');
      const read = readPresentationStatus(wire(sent), ourId);
      if (!read.ok) throw new Error(`refused: ${JSON.stringify(read.issues)}`);
      const list = (Array.isArray(sent) ? sent : [sent]) as { requestId?: unknown; status: string }[];
      const mine =
        list.find((e) => e.requestId === ourId) ??
        (list.length === 1 && isBlank(list[0]!.requestId) ? list[0] : undefined);
      expect(read.value?.status.value).toBe(mine?.status);
    }),
    settings,
  );
});

test(`request accepted and 400 bodies: ${RUNS} generated cases (seed ${SEED}) each are read as sent`, () => {
  fc.assert(
    fc.property(fc.record({ requestId: id, extra: extras }), ({ requestId, extra }) => {
      count('request accepted');
      expect(readRequestAccepted(wire({ ...extra, requestId }))).toEqual({
        ok: true,
        value: { requestId: String(requestId) },
      });
    }),
    settings,
  );
  const rejection = fc.record({
    validationErrors: optionalList(fc.record({ field: optional(text), error: description })),
    extra: extras,
  });
  fc.assert(
    fc.property(rejection, ({ validationErrors, extra }) => {
      count('400 body');
      const read = readRejection(wire({ ...extra, validationErrors }));
      const sent = listOf(validationErrors) as { error: unknown }[];
      expect(read).toHaveLength(sent.length);
      expect(isAlreadyInUseRejection(read)).toBe(mentionsInUse(sent.map((e) => e.error)));
    }),
    settings,
  );
});
