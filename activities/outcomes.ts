// Reduces Customs' answers to the outcomes the workflow decides on. Every judgement about what an
// answer means ("already in use", "not found", "requestId already used") is made here, once.
import {
  describeIncompleteReason,
  isAlreadyInUseFailure,
  isKnownIncompleteReason,
  readDocumentStatus,
  type PresentationValidationStatus,
  type ValidationError,
  type ValidationErrorItem,
  type ValidationStatus,
} from '../src/domain';

export { readDocumentStatus };

export interface IncompleteReasonView {
  code: string;
  meaning: string;
  /** False for a code that is not in the known list (Customs added it later): shown, not hidden. */
  known: boolean;
}
export interface ValidationIssueView {
  path: string;
  message: string;
}
export type ValidationOutcome =
  | {
      status: 'SUCCESS';
      mrn: string;
      incompleteReasons: IncompleteReasonView[];
      /** From the validation answer when Customs sent it; otherwise the workflow asks for it. */
      documentStatus?: 'SUCCESS' | 'INCOMPLETE';
    }
  | {
      status: 'FAILURE';
      validationErrors: ValidationIssueView[];
      alreadyInUse: boolean;
      /** The MRN is unknown to Customs (e.g. a DELETE repeated after its answer was lost). */
      notFound: boolean;
      /** Set when Customs answered a `status` other than SUCCESS or FAILURE (kept as sent). */
      unknownStatus?: string;
    };

export function toIncompleteReasons(codes: readonly string[] | undefined): IncompleteReasonView[] {
  return (codes ?? []).map((code) => ({
    code,
    meaning: describeIncompleteReason(code),
    known: isKnownIncompleteReason(code),
  }));
}

/** A documentStatus Customs sent that we do not know, as a reason the operator can read. */
function unknownDocumentStatusReason(status: ValidationStatus): IncompleteReasonView[] {
  const ds = status.documentStatus;
  if (!ds || ds.known) return [];
  const meaning = `Customs answered documentStatus ${ds.value}, which this system does not know; read as INCOMPLETE`;
  return [{ code: ds.value, meaning, known: false }];
}

function toIssueViews(list: readonly ValidationErrorItem[]): ValidationIssueView[] {
  return list.map((e) => ({
    path: e.pointer?.messageElementPath ?? '',
    message: e.description ?? 'Customs gave no description',
  }));
}

export function toValidationOutcome(status: ValidationStatus): ValidationOutcome {
  if (status.status.known && status.status.value === 'SUCCESS' && status.mrn) {
    const incompleteReasons = [
      ...toIncompleteReasons(status.incompleteDocumentationReasonList),
      ...unknownDocumentStatusReason(status),
    ];
    const documentStatus = readDocumentStatus(status.documentStatus, incompleteReasons);
    return { status: 'SUCCESS', mrn: status.mrn, incompleteReasons, documentStatus };
  }
  const unknownStatus = status.status.known ? undefined : status.status.value;
  const validationErrors = toIssueViews(status.validationErrorList);
  if (unknownStatus !== undefined) {
    const message = `Customs answered status ${unknownStatus}, which this system does not know`;
    validationErrors.unshift({ path: 'status', message });
  } else if (validationErrors.length === 0) {
    validationErrors.push({ path: '', message: `Customs answered ${status.status.value} without an MRN` });
  }
  return {
    status: 'FAILURE',
    validationErrors,
    alreadyInUse: isAlreadyInUseFailure(status.validationErrorList),
    notFound: isMrnNotFound(status),
    ...(unknownStatus === undefined ? {} : { unknownStatus }),
  };
}

export interface PresentationOutcome {
  status: 'SUCCESS' | 'FAILURE';
  messages: string[];
  /** Set when Customs answered a `status` other than SUCCESS or FAILURE (read as FAILURE, shown). */
  unknownStatus?: string;
}

/** A presentation's validation answer; an unknown status is not a success, and says so. */
export function toPresentationOutcome(status: PresentationValidationStatus): PresentationOutcome {
  const messages = status.validationErrorList.map((e) => e.description ?? 'Customs gave no description');
  if (status.status.known) return { status: status.status.value, messages };
  const unknownStatus = status.status.value;
  const text = `Customs answered status ${unknownStatus}, which this system does not know`;
  return { status: 'FAILURE', messages: [text, ...messages], unknownStatus };
}

/** A FAILURE that only says the MRN does not exist (any more): for a DELETE, the goal is reached. */
export function isMrnNotFound(status: ValidationStatus): boolean {
  const list = status.validationErrorList;
  return (
    list.length > 0 &&
    list.every((e) => /\bnot found\b|does not exist|already (deleted|cancelled)/i.test(e.description ?? ''))
  );
}

/** Words that say a value was taken before ("has already been used", "duplicate", "exists"). */
const REUSED = /\balready (been )?(used|in use|exists?|registered)\b|\bduplicated?\b|\bexists\b/i;

/**
 * A presentation 400 that only complains that the requestId was used before. The workflow
 * generates a fresh UUID per attempt and retries reuse it, so this means an earlier attempt of
 * the same request was stored and its answer lost: the presentation is accepted.
 */
export function isRequestIdReused(errors: readonly ValidationError[]): boolean {
  return errors.length > 0 && errors.every((e) => e.field === 'requestId' && REUSED.test(e.error ?? ''));
}
