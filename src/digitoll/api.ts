// The contract of the Digitoll client: what activities and tools may call. The undici
// implementation lives beside it; tests may pass any object that satisfies DigitollApi.
import type {
  HouseConsignment,
  RoutingItem,
  TransportDocumentStatus,
  ValidationStatus,
  PresentationValidationStatus,
} from '../domain';
import type { Mode } from '../shared';
import type { RoutingPage } from './routing-page';

/** Levels that can be presented explicitly (DOMAIN.md section 1, step 5). */
export type PresentationLevel =
  'house-consignment' | 'master-consignment' | 'container' | 'receptacle' | 'entry-summary-declaration';

export interface PresentationRequest {
  level: PresentationLevel;
  /** Client-generated UUID; never reused (it is the idempotency key at Customs). */
  requestId: string;
  customsOfficeOfPresentation: string;
  transportDocumentHouseLevel?: { documentNumber: string; type: string };
  /** Master level (field name not documented offline, see paths.ts). */
  transportDocumentMasterLevel?: { documentNumber: string; type: string };
  receptacleIdentificationNumber?: string;
  /** Entry summary declaration MRN. */
  mrn?: string;
  /** Container id (field name inferred, see paths.ts). */
  containerIdentificationNumber?: string;
}

export interface RequestAccepted {
  requestId: string;
}

/** A house registered at Customs, found by its business key (recovery after a lost POST response). */
export interface HouseLookup {
  mrn: string;
  documentNumber: string;
  type: string;
}

export interface DigitollApi {
  /** POST the house consignment document. 400 -> ValidationRejected. */
  submitHouseConsignment(mode: Mode, document: HouseConsignment): Promise<RequestAccepted>;
  /** PUT the whole corrected document for an existing MRN. */
  replaceHouseConsignment(mode: Mode, mrn: string, document: HouseConsignment): Promise<RequestAccepted>;
  /** DELETE a registered house; the body carries only documentIssueDate. */
  deleteHouseConsignment(mode: Mode, mrn: string, documentIssueDate: string): Promise<RequestAccepted>;
  /** Validation status of a requestId; 404 -> NotReady. */
  getValidationStatus(mode: Mode, requestId: string): Promise<ValidationStatus>;
  getTransportDocumentStatus(mode: Mode, mrn: string): Promise<TransportDocumentStatus>;
  /** Look a house up by documentNumber + type; undefined when Customs does not know it. */
  findHouseConsignment(mode: Mode, documentNumber: string, type: string): Promise<HouseLookup | undefined>;
  present(request: PresentationRequest): Promise<void>;
  /** 404 -> NotReady. */
  getPresentationValidationStatus(requestId: string): Promise<PresentationValidationStatus>;
  /** Up to 1000 routing signals after the marker (none: from the start of the feed). */
  getRoutingPage(marker?: string): Promise<RoutingItem[]>;
  /**
   * The same page, checked item by item: malformed items are reported, not thrown, and `lastId`
   * comes from the raw items so the marker can move past them. Only the envelope can fail.
   */
  readRoutingPage(marker?: string): Promise<RoutingPage>;
  testAuth(mode: Mode): Promise<void>;
}
