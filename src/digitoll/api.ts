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
import type { LevelsApi } from './levels-api';
import type { RoutingPage } from './routing-page';

/**
 * Levels that can be presented explicitly (DOMAIN.md section 1, step 5). `entry-summary-declaration`
 * is deprecated by Customs (master-consignment "replaces the ENS endpoint") but still served.
 */
export type PresentationLevel =
  'house-consignment' | 'master-consignment' | 'container' | 'receptacle' | 'entry-summary-declaration';

/** What to present; presentationBody (paths.ts) turns it into Customs' field names. */
export interface PresentationRequest {
  level: PresentationLevel;
  /** Client-generated UUID; never reused (it is the idempotency key at Customs). */
  requestId: string;
  customsOfficeOfPresentation: string;
  /** MRN of the transport the goods arrived with (optional, presentation v2). */
  transportMRN?: string;
  /** House level: sent inside consignmentHouseLevel. */
  transportDocumentHouseLevel?: { documentNumber: string; type: string };
  /** Master level: sent inside consignmentMasterLevel (inferred, see paths.ts). */
  transportDocumentMasterLevel?: { documentNumber: string; type: string };
  receptacleIdentificationNumber?: string;
  /** Entry summary declaration MRN (the ENS level, deprecated by Customs in favour of the master). */
  mrn?: string;
  /** Container id (field name inferred, see paths.ts). */
  containerIdentificationNumber?: string;
}

export interface RequestAccepted {
  requestId: string;
}

/** The business key of a house for the documented status query by key (DOMAIN.md 1.2). */
export interface HouseKeyQuery {
  documentNumber: string;
  type: string;
  carrierId?: string;
}

/**
 * What the status query by key says of a house. It never carries an MRN (documented shape): after
 * a lost POST answer it tells whether the house is registered, not how to PUT or DELETE it.
 */
export type HouseStatusByKey =
  /** Registered; documentStatus read by the one rule (reasons or an unknown status mean INCOMPLETE). */
  | { kind: 'found'; documentStatus?: 'SUCCESS' | 'INCOMPLETE'; incompleteReasons: string[] }
  /** 200 with an empty body, [] or null, or a list without this house. */
  | { kind: 'absent' }
  /** 400 or 404: the look-up is not available (query parameters inferred), not a failure. */
  | { kind: 'unavailable'; status: number };

/** Houses here; transports and masters in LevelsApi (levels-api.ts). */
export interface DigitollApi extends LevelsApi {
  /** POST the house consignment document. 400 -> ValidationRejected. */
  submitHouseConsignment(mode: Mode, document: HouseConsignment): Promise<RequestAccepted>;
  /** PUT the whole corrected document for an existing MRN. */
  replaceHouseConsignment(mode: Mode, mrn: string, document: HouseConsignment): Promise<RequestAccepted>;
  /** DELETE a registered house; the body carries only documentIssueDate. */
  deleteHouseConsignment(mode: Mode, mrn: string, documentIssueDate: string): Promise<RequestAccepted>;
  /** Validation status of a requestId; 404 -> NotReady. */
  getValidationStatus(mode: Mode, requestId: string): Promise<ValidationStatus>;
  getTransportDocumentStatus(mode: Mode, mrn: string): Promise<TransportDocumentStatus>;
  /** Document status by business key; 401/403/429/5xx throw as elsewhere. */
  getHouseDocumentStatusByKey(mode: Mode, key: HouseKeyQuery): Promise<HouseStatusByKey>;
  /** Any 2xx, with an empty body or not, is accepted. */
  present(request: PresentationRequest): Promise<void>;
  /**
   * The element of the answer (one object or a list) for this requestId. 404, or a list without
   * it -> NotReady.
   */
  getPresentationValidationStatus(requestId: string): Promise<PresentationValidationStatus>;
  /**
   * The house items with a known routing on the page after the marker (none: from the start);
   * what else the page carried is only in readRoutingPage, which the feed uses.
   */
  getRoutingPage(marker?: string): Promise<RoutingItem[]>;
  /**
   * The same page, classified element by element: skipped elements are reported with their
   * class, not thrown, and `lastId` comes from the raw elements so the marker moves past them.
   * Only the envelope can fail.
   */
  readRoutingPage(marker?: string): Promise<RoutingPage>;
  testAuth(mode: Mode): Promise<void>;
}
