// The contract of the transport and master endpoints (DOMAIN.md section 1b): one function per
// endpoint, as for houses. Part of DigitollApi; implemented in levels.ts.
import type { ValidationStatus } from '../domain';
import type { Mode } from '../shared';
import type { RequestAccepted } from './api';
import type {
  EntryStatus,
  MasterDescendants,
  MasterHouseStatus,
  TransportDescendants,
} from './levels-readers';

/** The notification levels above the house; they share POST/PUT/DELETE/validation-status. */
export type NotificationLevel = 'transport' | 'master';

export interface LevelsApi {
  /** POST a transport document. 400 -> ValidationRejected. */
  submitTransport(mode: Mode, document: Record<string, unknown>): Promise<RequestAccepted>;
  /** PUT the whole corrected transport document for its MRN. */
  replaceTransport(mode: Mode, mrn: string, document: Record<string, unknown>): Promise<RequestAccepted>;
  /** DELETE a transport; the body carries only documentIssueDate. */
  deleteTransport(mode: Mode, mrn: string, documentIssueDate: string): Promise<RequestAccepted>;
  /** Validation status of a transport request; 404 -> NotReady. */
  getTransportValidationStatus(mode: Mode, requestId: string): Promise<ValidationStatus>;
  submitMaster(mode: Mode, document: Record<string, unknown>): Promise<RequestAccepted>;
  replaceMaster(mode: Mode, mrn: string, document: Record<string, unknown>): Promise<RequestAccepted>;
  deleteMaster(mode: Mode, mrn: string, documentIssueDate: string): Promise<RequestAccepted>;
  getMasterValidationStatus(mode: Mode, requestId: string): Promise<ValidationStatus>;
  /** Entry status of a transport after the border; 404 (no entry yet) -> NotReady. */
  getEntryStatus(mode: Mode, transportMrn: string): Promise<EntryStatus>;
  /** What Customs holds under a transport: masters (received or not) and their houses. */
  getTransportDescendants(mode: Mode, mrn: string): Promise<TransportDescendants>;
  /** One master with the houses Customs holds under it. */
  getMasterDescendants(mode: Mode, mrn: string): Promise<MasterDescendants>;
  /** The document status of each house under a master (one object or a list is accepted). */
  getMasterHouseStatuses(mode: Mode, mrn: string): Promise<MasterHouseStatus[]>;
}
