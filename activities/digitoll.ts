// Activities that call Customs. They run on the rate-limited Digitoll task queue. Each takes one
// Input and returns one Result; Customs' answers are reduced here to what the workflow decides on.
import type { DigitollApi } from '../src/digitoll/api';
import type { HouseConsignment, PresentationValidationStatus } from '../src/domain';
import { NotReady, UnexpectedResponse, ValidationRejected } from '../src/digitoll/errors';
import type { Mode } from '../src/shared';
import { mapCustomsErrors } from './errors';
import {
  isRequestIdReused,
  readDocumentStatus,
  toIncompleteReasons,
  toValidationOutcome,
  type IncompleteReasonView,
  type ValidationOutcome,
} from './outcomes';

export interface SubmitInput {
  mode: Mode;
  document: Record<string, unknown>;
}
export interface ReplaceInput extends SubmitInput {
  mrn: string;
}
export interface RequestResult {
  requestId: string;
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
export interface FindHouseInput {
  mode: Mode;
  documentNumber: string;
  type: string;
}
export interface FindHouseResult {
  mrn?: string;
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
    async submitConsignment(input: SubmitInput): Promise<RequestResult> {
      const { requestId } = await mapCustomsErrors(() =>
        api.submitHouseConsignment(input.mode, input.document as HouseConsignment),
      );
      return { requestId };
    },
    async replaceConsignment(input: ReplaceInput): Promise<RequestResult> {
      const { requestId } = await mapCustomsErrors(() =>
        api.replaceHouseConsignment(input.mode, input.mrn, input.document as HouseConsignment),
      );
      return { requestId };
    },
    async deleteConsignment(input: DeleteInput): Promise<DeleteResult> {
      return mapCustomsErrors(async () => {
        try {
          const { requestId } = await api.deleteHouseConsignment(
            input.mode,
            input.mrn,
            input.documentIssueDate,
          );
          return { requestId, alreadyDeleted: false };
        } catch (error) {
          if (isHttpNotFound(error)) return { alreadyDeleted: true };
          throw error;
        }
      });
    },
    /** One poll; "not processed yet" is a retryable benign failure, so the retry policy does the waiting. */
    async checkValidation(input: ValidationInput): Promise<ValidationOutcome> {
      const status = await mapCustomsErrors(() => api.getValidationStatus(input.mode, input.requestId));
      return toValidationOutcome(status);
    },
    async checkDocumentStatus(input: DocumentStatusInput): Promise<DocumentStatusResult> {
      // The path is inferred (DOMAIN.md); a 404 is read as "not known yet", retried under the deadline.
      const status = await mapCustomsErrors(() =>
        api.getTransportDocumentStatus(input.mode, input.mrn).catch((error: unknown) => {
          throw isHttpNotFound(error) ? new NotReady(`document status of ${input.mrn}`) : error;
        }),
      );
      const incompleteReasons = toIncompleteReasons(status.incompleteDocumentationReasonList);
      const documentStatus = readDocumentStatus(status.documentStatus, incompleteReasons) ?? 'SUCCESS';
      return { documentStatus, incompleteReasons };
    },
    async findRegisteredHouse(input: FindHouseInput): Promise<FindHouseResult> {
      const found = await mapCustomsErrors(() =>
        api.findHouseConsignment(input.mode, input.documentNumber, input.type),
      );
      return found ? { mrn: found.mrn } : {};
    },
    async presentHouse(input: PresentInput): Promise<PresentResult> {
      return mapCustomsErrors(async () => {
        try {
          await api.present({
            level: 'house-consignment',
            requestId: input.requestId,
            customsOfficeOfPresentation: input.customsOfficeOfPresentation,
            transportDocumentHouseLevel: { documentNumber: input.documentNumber, type: input.type },
          });
          return { requestId: input.requestId, alreadyAccepted: false };
        } catch (error) {
          if (error instanceof ValidationRejected && isRequestIdReused(error.validationErrors)) {
            return { requestId: input.requestId, alreadyAccepted: true };
          }
          throw error;
        }
      });
    },
    async checkPresentation(input: PresentationValidationInput): Promise<PresentationResult> {
      const status = await mapCustomsErrors(() => api.getPresentationValidationStatus(input.requestId));
      return toPresentationResult(status);
    },
  };
}

export type DigitollActivities = ReturnType<typeof createDigitollActivities>;

function isHttpNotFound(error: unknown): boolean {
  return error instanceof UnexpectedResponse && error.status === 404;
}

function toPresentationResult(status: PresentationValidationStatus): PresentationResult {
  return { status: status.status, messages: (status.validationErrorList ?? []).map((e) => e.description) };
}
