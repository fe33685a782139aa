// What the transport and master activities give back to workflows: Customs' answers reduced to
// what the lifecycle decides on and what the status shows. Pure types, so workflows and clients
// may import them.
import type { Mode } from '../src/shared';

/** The notification levels above the house that share one lifecycle (DOMAIN.md section 1b). */
export type NotificationLevel = 'transport' | 'master';

/** One issue of a rejection: a 400's `field`/`error` or a FAILURE's path/description. */
export interface LevelIssue {
  path: string;
  description: string;
}

/** A validation answer of a transport or master request. */
export type LevelValidationOutcome =
  | { status: 'SUCCESS'; mrn: string }
  | {
      status: 'FAILURE';
      issues: LevelIssue[];
      /** The MRN is unknown to Customs (a DELETE of a notification it already dropped). */
      notFound: boolean;
      /** Set when Customs answered a `status` other than SUCCESS or FAILURE (kept as sent). */
      unknownStatus?: string;
    };

/** A POST or PUT: the requestId to poll, or the 400's issues (nothing was stored). */
export type LevelSendResult = { requestId: string } | { rejected: LevelIssue[] };

export interface LevelDeleteResult {
  /** Absent when Customs answered 404: the notification is already gone. */
  requestId?: string;
  alreadyDeleted: boolean;
}

/** Entry status of a transport after the border (DOMAIN.md section 1b). */
export interface EntryView {
  validEntry: boolean;
  customsOfficeOfEntry?: string;
  timeOfEntry?: string;
  mrn?: string;
}

export interface HouseView {
  documentNumber?: string;
  type?: string;
  weight?: number;
  status?: string;
}

export interface MasterView {
  documentNumber?: string;
  type?: string;
  weight?: number;
  sumOfWeightForHouseConsignments?: number;
  /** false: referenced by the transport but not notified yet; undefined when Customs did not say. */
  received?: boolean;
  houseConsignments: HouseView[];
}

/** What Customs holds under a transport (status-with-descendants). */
export interface TransportTreeView {
  sumOfWeightForMasterConsignments?: number;
  sumOfWeightForHouseConsignments?: number;
  masterConsignments: MasterView[];
}

export interface LevelInput {
  level: NotificationLevel;
  mode: Mode;
}
export interface SubmitNotificationInput extends LevelInput {
  document: Record<string, unknown>;
}
export interface ReplaceNotificationInput extends LevelInput {
  mrn: string;
  document: Record<string, unknown>;
}
export interface DeleteNotificationInput extends LevelInput {
  mrn: string;
  documentIssueDate: string;
}
export interface NotificationValidationInput extends LevelInput {
  requestId: string;
}
export interface EntryStatusInput {
  mode: Mode;
  transportMrn: string;
}
export interface DescendantsInput extends LevelInput {
  mrn: string;
}
/** A transport's tree, or a master's own entry (with its houses). */
export type DescendantsResult =
  { level: 'transport'; tree: TransportTreeView } | { level: 'master'; master: MasterView };
