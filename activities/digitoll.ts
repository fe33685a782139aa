// Activities that call Customs. They run on the rate-limited Digitoll task queue. Each takes one
// Input and returns one Result; Customs' answers are reduced here to what the workflow decides on.
import type { DigitollApi } from '../src/digitoll/api';
import type { HouseConsignment } from '../src/domain';
import { ValidationRejected } from '../src/digitoll/errors';
import type { Mode } from '../src/shared';
import { Context } from '@temporalio/activity';
import { isAlreadyInUseRejection } from '../src/domain';
import { deleteByMrn, mapCustomsErrors, notFoundIsNotReady, presentOnce } from './errors';
import {
  readDocumentStatus,
  toIncompleteReasons,
  toPresentationOutcome,
  toValidationOutcome,
  type IncompleteReasonView,
  type ValidationOutcome,
} from './outcomes';

export interface SubmitInput {
  mode: Mode;
  document: Record<string, unknown>;
  /**
   * An earlier POST of this house failed without an answer (it may have been stored): ask Customs
   * by key first, so that no second POST is sent for a house it already holds.
   */
  mayExist?: boolean;
}
export interface ReplaceInput {
  mode: Mode;
  document: Record<string, unknown>;
  mrn: string;
}
export interface RequestResult {
  requestId: string;
}
/** What Customs told of a house it already holds (its MRN is not in any answer we have). */
export interface HeldHouse {
  /** How we know: the document-status query by key, or an "already in use" answer. */
  how: 'status-query' | 'already-in-use';
  documentStatus?: 'SUCCESS' | 'INCOMPLETE';
  incompleteReasons: IncompleteReasonView[];
}
/** A POST's result: its requestId, or the news that Customs already holds the house. */
export type SubmitResult = { requestId: string } | { held: HeldHouse };
export interface LookUpHouseInput {
  mode: Mode;
  documentNumber: string;
  type: string;
  carrierId?: string;
}
export interface LookUpHouseResult {
  /** found: Customs holds it; absent: it does not; unavailable: the query could not tell (400/404). */
  kind: 'found' | 'absent' | 'unavailable';
  held?: HeldHouse;
}
export interface ValidationInput {
  mode: Mode;
  requestId: string;
}
export interface DocumentStatusInput {
  mode: Mode;
  mrn: string;
}
export interface DocumentStatusResult {
  documentStatus: 'SUCCESS' | 'INCOMPLETE';
  incompleteReasons: IncompleteReasonView[];
}
export interface DeleteResult {
  /** Absent when Customs answered 404: the house is already gone, which is what a DELETE wants. */
  requestId?: string;
  alreadyDeleted: boolean;
}
export interface DeleteInput {
  mode: Mode;
  mrn: string;
  documentIssueDate: string;
}
export interface PresentInput {
  requestId: string;
  customsOfficeOfPresentation: string;
  documentNumber: string;
  type: string;
}
export interface PresentResult {
  requestId: string;
  /** An earlier attempt with this requestId was stored (its answer was lost): poll it. */
  alreadyAccepted: boolean;
}
export interface PresentationValidationInput {
  requestId: string;
}
export interface PresentationResult {
  status: 'SUCCESS' | 'FAILURE';
  messages: string[];
}

export function createDigitollActivities(deps: { digitoll: DigitollApi }) {
  const api = deps.digitoll;
  return {
    /**
     * POST, unless an earlier attempt may have been stored: then Customs is asked by key first.
     * An "already in use" refusal means the same: Customs holds the house, its MRN unknown to us.
     */
    async submitConsignment(input: SubmitInput): Promise<SubmitResult> {
      return mapCustomsErrors(async () => {
        if (input.mayExist || currentAttempt() > 1) {
          const known = await lookUp(api, input.mode, houseKeyOfDocument(input.document));
          if (known.held) return { held: known.held };
        }
        try {
          const { requestId } = await api.submitHouseConsignment(
            input.mode,
            input.document as HouseConsignment,
          );
          return { requestId };
        } catch (error) {
          if (error instanceof ValidationRejected && isAlreadyInUseRejection(error.validationErrors)) {
            return { held: { how: 'already-in-use', incompleteReasons: [] } };
          }
          throw error;
        }
      });
    },
    /** The documented document-status query by key (no MRN in its answer). */
    async lookUpHouse(input: LookUpHouseInput): Promise<LookUpHouseResult> {
      return mapCustomsErrors(() => lookUp(api, input.mode, input));
    },
    async replaceConsignment(input: ReplaceInput): Promise<RequestResult> {
      const { requestId } = await mapCustomsErrors(() =>
        api.replaceHouseConsignment(input.mode, input.mrn, input.document as HouseConsignment),
      );
      return { requestId };
    },
    deleteConsignment(input: DeleteInput): Promise<DeleteResult> {
      return deleteByMrn(() => api.deleteHouseConsignment(input.mode, input.mrn, input.documentIssueDate));
    },
    /** One poll; "not processed yet" is a retryable benign failure, so the retry policy does the waiting. */
    async checkValidation(input: ValidationInput): Promise<ValidationOutcome> {
      const status = await mapCustomsErrors(() => api.getValidationStatus(input.mode, input.requestId));
      return toValidationOutcome(status);
    },
    async checkDocumentStatus(input: DocumentStatusInput): Promise<DocumentStatusResult> {
      // The path is inferred (DOMAIN.md); a 404 is read as "not known yet", retried under the deadline.
      const status = await mapCustomsErrors(() =>
        notFoundIsNotReady(`document status of ${input.mrn}`, () =>
          api.getTransportDocumentStatus(input.mode, input.mrn),
        ),
      );
      const incompleteReasons = toIncompleteReasons(status.incompleteDocumentationReasonList);
      const documentStatus = readDocumentStatus(status.documentStatus, incompleteReasons) ?? 'SUCCESS';
      return { documentStatus, incompleteReasons };
    },
    presentHouse(input: PresentInput): Promise<PresentResult> {
      return presentOnce(input.requestId, () =>
        api.present({
          level: 'house-consignment',
          requestId: input.requestId,
          customsOfficeOfPresentation: input.customsOfficeOfPresentation,
          transportDocumentHouseLevel: { documentNumber: input.documentNumber, type: input.type },
        }),
      );
    },
    async checkPresentation(input: PresentationValidationInput): Promise<PresentationResult> {
      const status = await mapCustomsErrors(() => api.getPresentationValidationStatus(input.requestId));
      return toPresentationOutcome(status);
    },
  };
}

export type DigitollActivities = ReturnType<typeof createDigitollActivities>;

/** The attempt number of the running activity (1 outside an activity, e.g. in unit tests). */
function currentAttempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}

/** Business key and carrier of a house document, for the status query by key. */
function houseKeyOfDocument(document: Record<string, unknown>): Omit<LookUpHouseInput, 'mode'> {
  const house = (document as Partial<HouseConsignment>).consignmentHouseLevel;
  const key = house?.transportDocumentHouseLevel;
  return {
    documentNumber: key?.documentNumber ?? '',
    type: key?.type ?? '',
    carrierId: house?.consignmentMasterLevel?.carrierIdentificationNumber,
  };
}

async function lookUp(
  api: DigitollApi,
  mode: Mode,
  key: Omit<LookUpHouseInput, 'mode'>,
): Promise<LookUpHouseResult> {
  const answer = await api.getHouseDocumentStatusByKey(mode, key);
  if (answer.kind !== 'found') return { kind: answer.kind };
  const incompleteReasons = toIncompleteReasons(answer.incompleteReasons);
  const documentStatus = readDocumentStatus(answer.documentStatus, incompleteReasons);
  return { kind: 'found', held: { how: 'status-query', documentStatus, incompleteReasons } };
}
