// Reduces Customs' validation answers to the outcome the workflow decides on. Whether a FAILURE
// means "this house is already registered" is decided here, once, by the domain's isAlreadyInUse.
import { describeIncompleteReason, isAlreadyInUse, type ValidationStatus } from '../src/domain';

export interface IncompleteReasonView {
  code: string;
  meaning: string;
}
export interface ValidationIssueView {
  path: string;
  message: string;
}
export type ValidationOutcome =
  | { status: 'SUCCESS'; mrn: string; incompleteReasons: IncompleteReasonView[] }
  | { status: 'FAILURE'; validationErrors: ValidationIssueView[]; alreadyInUse: boolean };

export function toIncompleteReasons(codes: readonly string[] | undefined): IncompleteReasonView[] {
  return (codes ?? []).map((code) => ({ code, meaning: describeIncompleteReason(code) }));
}

export function toValidationOutcome(status: ValidationStatus): ValidationOutcome {
  if (status.status === 'SUCCESS' && status.mrn) {
    return {
      status: 'SUCCESS',
      mrn: status.mrn,
      incompleteReasons: toIncompleteReasons(status.incompleteDocumentationReasonList),
    };
  }
  const validationErrors = (status.validationErrorList ?? []).map((e) => ({
    path: e.pointer?.messageElementPath ?? '',
    message: e.description,
  }));
  if (validationErrors.length === 0) {
    validationErrors.push({ path: '', message: `Customs answered ${status.status} without an MRN` });
  }
  return { status: 'FAILURE', validationErrors, alreadyInUse: isAlreadyInUse(status) };
}
