// Tolerant readers of Customs' status answers (DOMAIN.md section 1, steps 2, 3 and 5) and of the
// 400 body of a POST/PUT: unknown fields kept, null/""/absent alike, codes we do not know kept and
// flagged. Only what we cannot act on at all (no `status`, no requestId) fails a reader.
import { z } from 'zod';
import { INCOMPLETE_REASONS } from './codes';
import { type FormattedIssue, formatIssues } from './issues';
import {
  type Known,
  idLike,
  knownOr,
  optionalKnownOr,
  optionalList,
  optionalObject,
  optionalText,
} from './tolerant';
import { isAlreadyInUseText } from './already-in-use';

/** One synchronous error of a 400; Customs may leave `field` or `error` null. */
export const validationErrorSchema = z.looseObject({ field: optionalText(), error: optionalText() });
export type ValidationError = z.output<typeof validationErrorSchema>;

/** The synchronous 400 body: `{validationErrors: [{field, error}]}`; the list may be null or absent. */
export const validationErrorsBodySchema = z.looseObject({
  validationErrors: optionalList(validationErrorSchema),
});

/** One asynchronous rejection item of a FAILURE; the pointer may be null. */
export const validationErrorItemSchema = z.looseObject({
  description: optionalText(),
  pointer: optionalObject(z.looseObject({ messageElementPath: optionalText() })),
});
export type ValidationErrorItem = z.output<typeof validationErrorItemSchema>;

export const DOCUMENT_STATUSES = ['SUCCESS', 'INCOMPLETE'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const VALIDATION_RESULTS = ['SUCCESS', 'FAILURE'] as const;
export type ValidationResult = (typeof VALIDATION_RESULTS)[number];

/** `documentStatus`: absent, null and "" read as undefined; an unknown value is kept, flagged. */
export const documentStatusSchema = optionalKnownOr(DOCUMENT_STATUSES);

export const validationStatusSchema = z.looseObject({
  status: knownOr(VALIDATION_RESULTS),
  mrn: optionalText(),
  documentStatus: documentStatusSchema,
  incompleteDocumentationReasonList: optionalList(z.string()),
  validationErrorList: optionalList(validationErrorItemSchema),
});
export type ValidationStatus = z.output<typeof validationStatusSchema>;

/** The document status of one house (by MRN, or one element of the answer by key). */
export const transportDocumentStatusSchema = z.looseObject({
  documentNumber: optionalText(),
  type: optionalText(),
  documentStatus: documentStatusSchema,
  incompleteDocumentationReasonList: optionalList(z.string()),
});
export type TransportDocumentStatus = z.output<typeof transportDocumentStatusSchema>;

export const presentationValidationStatusSchema = z.looseObject({
  requestId: z.preprocess((v) => (v === null || v === '' ? undefined : v), idLike().optional()),
  status: knownOr(VALIDATION_RESULTS),
  validationErrorList: optionalList(validationErrorItemSchema),
});
export type PresentationValidationStatus = z.output<typeof presentationValidationStatusSchema>;

/** `{requestId}` of a 202 (a number is read as its string). */
export const requestAcceptedSchema = z.looseObject({ requestId: idLike() });

/** Whether a reason code is in the known list (DOMAIN.md section 3). */
export function isKnownIncompleteReason(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(INCOMPLETE_REASONS, code);
}

/**
 * The one rule for what Customs says of a document: any incomplete-documentation reason means
 * INCOMPLETE, whatever documentStatus claims, and so does a documentStatus we do not know (the
 * safer reading: treating either as complete would let goods move on a document Customs may
 * still find wanting); otherwise documentStatus as given, undefined when Customs said nothing.
 */
export function readDocumentStatus(
  documentStatus: Known<DocumentStatus> | DocumentStatus | undefined,
  incompleteReasons: readonly unknown[],
): DocumentStatus | undefined {
  if (incompleteReasons.length > 0) return 'INCOMPLETE';
  if (documentStatus === undefined || typeof documentStatus === 'string') return documentStatus;
  return documentStatus.known ? documentStatus.value : 'INCOMPLETE';
}

export { isAlreadyInUseText };

/**
 * Whether Customs says the house is already registered: on a FAILURE's
 * `validationErrorList[].description`, or on a synchronous 400's `validationErrors[].error`.
 */
export function isAlreadyInUse(
  answer:
    | { validationErrorList?: readonly { description?: string | null }[] | null }
    | { validationErrors?: readonly { error?: string | null }[] | null }
    | readonly { description?: string | null; error?: string | null }[],
): boolean {
  const list: readonly { description?: string | null; error?: string | null }[] = Array.isArray(answer)
    ? answer
    : (('validationErrorList' in answer ? answer.validationErrorList : undefined) ??
      ('validationErrors' in answer ? answer.validationErrors : undefined) ??
      []);
  return list.some((e) => isAlreadyInUseText(e.description) || isAlreadyInUseText(e.error));
}

/** The 400 shape: whether a synchronous rejection says the house is already registered. */
export function isAlreadyInUseRejection(validationErrors: readonly { error?: string | null }[]): boolean {
  return validationErrors.some((e) => isAlreadyInUseText(e.error));
}

/** The FAILURE shape: whether an asynchronous rejection says the house is already registered. */
export function isAlreadyInUseFailure(
  validationErrorList: readonly { description?: string | null }[] | null | undefined,
): boolean {
  return (validationErrorList ?? []).some((e) => isAlreadyInUseText(e.description));
}

export type PresentationStatusPick =
  | { kind: 'found'; status: PresentationValidationStatus }
  /** No element for our requestId (an empty list, or a list of other requests): not processed yet. */
  | { kind: 'absent' }
  | { kind: 'unreadable'; issues: FormattedIssue[] };

/**
 * The presentation validation answer is undocumented: one object or a list of requests (DOMAIN.md
 * 1.5). Takes the element whose requestId is ours, or the only element when it carries none.
 */
export function pickPresentationStatus(json: unknown, requestId: string): PresentationStatusPick {
  const elements: unknown[] = Array.isArray(json) ? json : json === undefined || json === null ? [] : [json];
  const read = elements.map((e) => presentationValidationStatusSchema.safeParse(e));
  const ours = read.find((r) => r.success && r.data.requestId === requestId);
  if (ours?.success) return { kind: 'found', status: ours.data };
  if (read.length === 1) {
    const [only] = read;
    if (only && !only.success) return { kind: 'unreadable', issues: formatIssues(only.error) };
    if (only?.success && only.data.requestId === undefined) return { kind: 'found', status: only.data };
  }
  const failed = read.find((r) => !r.success);
  if (failed && !failed.success && !read.some((r) => r.success)) {
    return { kind: 'unreadable', issues: formatIssues(failed.error) };
  }
  return { kind: 'absent' };
}
