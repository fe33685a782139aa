// Reduces Customs' answers to the outcomes the workflow decides on. Every judgement about what an
// answer means ("already in use", "not found", "requestId already used") is made here, once.
import {
  describeIncompleteReason,
  isAlreadyInUse,
  type ValidationError,
  type ValidationStatus,
} from '../src/domain';

export interface IncompleteReasonView {
  code: string;
  meaning: string;
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
    };

export function toIncompleteReasons(codes: readonly string[] | undefined): IncompleteReasonView[] {
  return (codes ?? []).map((code) => ({ code, meaning: describeIncompleteReason(code) }));
}

/**
 * The one rule for what Customs says of a document: any incomplete-documentation reason means
 * INCOMPLETE, whatever documentStatus claims (the safer reading: treating it as complete would
 * let goods move on a document Customs still finds wanting); otherwise documentStatus as given,
 * undefined when Customs said neither.
 */
export function readDocumentStatus(
  documentStatus: 'SUCCESS' | 'INCOMPLETE' | undefined,
  incompleteReasons: readonly unknown[],
): 'SUCCESS' | 'INCOMPLETE' | undefined {
  return incompleteReasons.length > 0 ? 'INCOMPLETE' : documentStatus;
}

export function toValidationOutcome(status: ValidationStatus): ValidationOutcome {
  if (status.status === 'SUCCESS' && status.mrn) {
    const incompleteReasons = toIncompleteReasons(status.incompleteDocumentationReasonList);
    const documentStatus = readDocumentStatus(status.documentStatus, incompleteReasons);
    return { status: 'SUCCESS', mrn: status.mrn, incompleteReasons, documentStatus };
  }
  const validationErrors = (status.validationErrorList ?? []).map((e) => ({
    path: e.pointer?.messageElementPath ?? '',
    message: e.description,
  }));
  if (validationErrors.length === 0) {
    validationErrors.push({ path: '', message: `Customs answered ${status.status} without an MRN` });
  }
  return {
    status: 'FAILURE',
    validationErrors,
    alreadyInUse: isAlreadyInUse(status),
    notFound: isMrnNotFound(status),
  };
}

/** A FAILURE that only says the MRN does not exist (any more): for a DELETE, the goal is reached. */
export function isMrnNotFound(status: ValidationStatus): boolean {
  const list = status.validationErrorList ?? [];
  return (
    list.length > 0 &&
    list.every((e) => /\bnot found\b|does not exist|already (deleted|cancelled)/i.test(e.description))
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
  return errors.length > 0 && errors.every((e) => e.field === 'requestId' && REUSED.test(e.error));
}
